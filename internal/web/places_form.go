package web

import (
	"net/url"
	"strconv"
	"strings"

	"guichet/internal/places"
)

// placeGroupLegends are the enumerated fields of the standard that the
// edit form offers as checkboxes, in the form's order, with their legend
// and hint.
var placeGroupLegends = []struct{ field, legend, hint string }{
	{places.FieldServices, "Services proposés", ""},
	{places.FieldModalitesAccompagnement, "Façons d'être accompagné", ""},
	{places.FieldModalitesAcces, "Comment venir ou prendre contact", ""},
	{places.FieldPublicsSpecifiquementAdresses, "Publics accueillis en particulier", "Ne cochez rien si le lieu accueille tout le monde."},
	{places.FieldPriseEnChargeSpecifique, "Accueil adapté", ""},
	{places.FieldFraisACharge, "Coût pour la personne", ""},
	{places.FieldItinerance, "Le lieu est-il fixe ou itinérant ?", ""},
	{places.FieldDispositifProgrammesNationaux, "Dispositifs et programmes nationaux", ""},
	{places.FieldFormationsLabels, "Formations et labels", ""},
}

// placeGroups returns the checkboxes of the edit form, ticked as in f.
func placeGroups(f *Form) []checkGroup {
	enum := places.Enumerations()
	out := make([]checkGroup, len(placeGroupLegends))
	for i, g := range placeGroupLegends {
		out[i] = newCheckGroup(g.field, g.field, g.legend, sameLabels(enum[g.field]), f.Values[g.field])
		out[i].Hint, out[i].Error = g.hint, f.ErrorFor(g.field)
	}
	return out
}

// listFields are the multi-valued fields typed in one input, values
// separated by commas.
var listFields = []string{places.FieldCourriels, places.FieldSiteWeb, places.FieldTypologie}

// placeFormValues fills the edit form with the place as stored.
func placeFormValues(p *places.Place) url.Values {
	v := url.Values{}
	names := places.Fields()
	for i, text := range places.StandardValues(p) {
		v.Set(names[i], text)
	}
	for _, field := range listFields {
		v.Set(field, strings.ReplaceAll(v.Get(field), "|", ", "))
	}
	for _, g := range placeGroupLegends {
		v[g.field] = splitNonEmpty(v.Get(g.field), "|")
	}
	return v
}

// placeFromForm returns cur changed as the form says, the hours
// as typed. Values that cannot be read at all (a latitude that is no
// number) are recorded in f; every other rule, opening hours and lengths
// included, is places.Validate's, after places.Clean.
func placeFromForm(f *Form, cur places.Place) places.Place {
	p := cur
	for field, dst := range map[string]*string{
		places.FieldNom: &p.Nom, places.FieldPivot: &p.Pivot, places.FieldStructureParente: &p.StructureParente,
		places.FieldAdresse: &p.Adresse, places.FieldComplementAdresse: &p.ComplementAdresse,
		places.FieldCodePostal: &p.CodePostal, places.FieldCommune: &p.Commune, places.FieldCodeInsee: &p.CodeInsee,
		places.FieldTelephone: &p.Telephone, places.FieldPriseRdv: &p.PriseRdv, places.FieldFicheAccesLibre: &p.FicheAccesLibre,
		places.FieldHoraires: &p.Horaires, places.FieldPresentationResume: &p.PresentationResume,
		places.FieldPresentationDetail: &p.PresentationDetail, places.FieldAutresFormationsLabels: &p.AutresFormationsLabels,
	} {
		*dst = f.Get(field)
	}
	p.Courriels = splitList(f.Get(places.FieldCourriels))
	p.SiteWeb = splitList(f.Get(places.FieldSiteWeb))
	p.Typologie = splitList(f.Get(places.FieldTypologie))
	for field, dst := range map[string]*[]string{
		places.FieldServices: &p.Services, places.FieldModalitesAccompagnement: &p.ModalitesAccompagnement,
		places.FieldModalitesAcces: &p.ModalitesAcces, places.FieldPublicsSpecifiquementAdresses: &p.PublicsSpecifiquementAdresses,
		places.FieldPriseEnChargeSpecifique: &p.PriseEnChargeSpecifique, places.FieldFraisACharge: &p.FraisACharge,
		places.FieldItinerance: &p.Itinerance, places.FieldDispositifProgrammesNationaux: &p.DispositifProgrammesNationaux,
		places.FieldFormationsLabels: &p.FormationsLabels,
	} {
		*dst = nonEmpty(f.Values[field])
	}
	p.Latitude = readCoord(f, places.FieldLatitude, "la latitude", "45.7796")
	p.Longitude = readCoord(f, places.FieldLongitude, "la longitude", "4.8924")
	return p
}

// readCoord reads a coordinate typed with a point or a comma; empty is
// no coordinate.
func readCoord(f *Form, field, name, example string) *float64 {
	text := strings.ReplaceAll(f.Get(field), ",", ".")
	if text == "" {
		return nil
	}
	x, err := strconv.ParseFloat(text, 64)
	if err != nil {
		f.Fail(field, "Écrivez "+name+" en degrés avec un point, par exemple "+example+".")
		return nil
	}
	return &x
}

// splitList reads values separated by commas, semicolons, "|" or spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\n' || r == '\t' || r == '\r'
	})
}

func splitNonEmpty(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// nonEmpty drops empty values; nil when none is left.
func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
