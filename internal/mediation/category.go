package mediation

import "slices"

// Category is one of the ten areas of life a mandate can cover (DESIGN.md
// §3.5), the same as the catalogue's procedure categories.
type Category string

// The ten categories, in the order of the form.
const (
	Papiers    Category = "papiers"
	Famille    Category = "famille"
	Social     Category = "social"
	Travail    Category = "travail"
	Logement   Category = "logement"
	Transports Category = "transports"
	Argent     Category = "argent"
	Justice    Category = "justice"
	Etranger   Category = "etranger"
	Loisirs    Category = "loisirs"
)

// CategoryInfo is a category with the words shown to people.
type CategoryInfo struct {
	Category Category
	Label    string
}

var categories = []CategoryInfo{
	{Papiers, "Papiers et citoyenneté"},
	{Famille, "Famille"},
	{Social, "Aides sociales et santé"},
	{Travail, "Travail et formation"},
	{Logement, "Logement"},
	{Transports, "Transports"},
	{Argent, "Argent et impôts"},
	{Justice, "Justice"},
	{Etranger, "Étrangers en France"},
	{Loisirs, "Loisirs et sports"},
}

// Categories returns the ten categories in the order of the form.
func Categories() []CategoryInfo { return slices.Clone(categories) }

// Valid tells whether c is one of the ten.
func (c Category) Valid() bool { return c.Label() != "" }

// Label returns the French name of c, "" for an unknown one.
func (c Category) Label() string {
	for _, info := range categories {
		if info.Category == c {
			return info.Label
		}
	}
	return ""
}

// Durations are the lengths a mandate may have, in days: one day, one
// month, six months, one year.
var Durations = []int{1, 31, 182, 365}

// DurationLabel returns the French words for a duration in days.
func DurationLabel(days int) string {
	switch days {
	case 1:
		return "1 jour"
	case 31:
		return "1 mois (31 jours)"
	case 182:
		return "6 mois (182 jours)"
	case 365:
		return "1 an (365 jours)"
	}
	return ""
}

// DocumentTypes are the identity documents a mediator may record having
// seen, with their French names.
var DocumentTypes = []struct{ Value, Label string }{
	{"cni", "Carte nationale d'identité"},
	{"passeport", "Passeport"},
	{"titre-sejour", "Titre de séjour"},
	{"permis", "Permis de conduire"},
	{"autre", "Autre document officiel avec photo"},
}

// DocumentLabel returns the French name of a document type.
func DocumentLabel(v string) string {
	for _, d := range DocumentTypes {
		if d.Value == v {
			return d.Label
		}
	}
	return ""
}
