package web

import (
	"slices"
	"strconv"

	"guichet/internal/places"
)

// checkGroup is a fieldset of checkboxes sharing one name.
type checkGroup struct {
	ID, Legend, Hint string
	Error            string
	Options          []checkOption
}

// checkOption is one checkbox; the first of a group has the group's ID so
// that an error summary can link to it.
type checkOption struct {
	ID, Name, Value, Label string
	Checked                bool
}

// choice is a value of the standard and how a person reads it.
type choice struct{ value, label string }

// sameLabels offers the standard's values as they are written.
func sameLabels(values []string) []choice {
	out := make([]choice, len(values))
	for i, v := range values {
		out[i] = choice{v, v}
	}
	return out
}

// newCheckGroup builds a group of checkboxes named name, ticked for the
// values in chosen.
func newCheckGroup(id, name, legend string, choices []choice, chosen []string) checkGroup {
	g := checkGroup{ID: id, Legend: legend}
	for i, c := range choices {
		optID := id
		if i > 0 {
			optID = id + "-" + strconv.Itoa(i)
		}
		g.Options = append(g.Options, checkOption{ID: optID, Name: name, Value: c.value, Label: c.label,
			Checked: slices.Contains(chosen, c.value)})
	}
	return g
}

// accessChoices are the ways of reaching a place that the search offers,
// in everyday words.
var accessChoices = []choice{
	{"Se présenter", "Sans rendez-vous, en venant sur place"},
	{"Téléphoner", "Par téléphone"},
	{"Prendre un RDV en ligne", "Sur rendez-vous pris en ligne"},
	{"Contacter par mail", "Par e-mail"},
}

// filterGroups returns the filters of the search page, ticked as in ps.
func filterGroups(ps placesSearch) []checkGroup {
	enum := places.Enumerations()
	groups := []checkGroup{
		newCheckGroup("f-service", paramService, "Pour quoi avez-vous besoin d'aide ?", sameLabels(enum[places.FieldServices]), ps.Services),
		newCheckGroup("f-accompagnement", paramSupport, "Un accueil adapté", sameLabels(enum[places.FieldPriseEnChargeSpecifique]), ps.Support),
		newCheckGroup("f-public", paramPublic, "Un lieu pour", sameLabels(enum[places.FieldPublicsSpecifiquementAdresses]), ps.Public),
		newCheckGroup("f-acces", paramAccess, "Comment y être reçu", accessChoices, ps.Access),
	}
	// The three yes-or-no filters share a fieldset but not a name.
	other := checkGroup{ID: "f-autres", Legend: "Autres critères"}
	for i, c := range []struct {
		name, label string
		on          bool
	}{
		{paramFree, "Gratuit", ps.Free},
		{paramFranceServices, "Labellisé France Services", ps.FranceServices},
		{paramOpenNow, "Ouvert maintenant", ps.OpenNow},
	} {
		id := other.ID
		if i > 0 {
			id += "-" + strconv.Itoa(i)
		}
		other.Options = append(other.Options, checkOption{ID: id, Name: c.name, Value: "1", Label: c.label, Checked: c.on})
	}
	groups[1].Hint = "Par exemple pour les personnes sourdes, malvoyantes ou qui lisent difficilement le français."
	groups[2].Hint = "Les lieux ouverts à tous ne sont pas retenus par ce filtre."
	return append(groups, other)
}
