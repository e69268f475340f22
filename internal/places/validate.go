package places

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/openinghours"
)

// FieldError is a problem with one field of a place: the field's name in
// the standard and a plain-French message saying what to do. It is the
// field-error type every module shares; Update returns the problems in an
// errs.Invalid error (errs.FieldsOf reads them back).
type FieldError = errs.FieldError

// fieldLabels names each field the way a person says it, for messages.
var fieldLabels = map[string]string{
	FieldID:         "l'identifiant du lieu",
	FieldPivot:      "le SIRET, le RNA ou le RIDET du lieu",
	FieldNom:        "le nom du lieu",
	FieldCommune:    "la commune",
	FieldCodePostal: "le code postal",
	FieldAdresse:    "l'adresse (numéro et rue)",
	FieldDateMaj:    "la date de mise à jour",
	// Names used by the length limits.
	FieldComplementAdresse:      "le complément d'adresse",
	FieldTypologie:              "la liste des types de structure",
	FieldCourriels:              "la liste des adresses e-mail",
	FieldSiteWeb:                "la liste des sites web",
	FieldHoraires:               "les horaires",
	FieldPresentationDetail:     "la présentation détaillée",
	FieldSource:                 "le nom de la source",
	FieldStructureParente:       "le nom de la structure parente",
	FieldAutresFormationsLabels: "la liste des autres formations et labels",
	FieldFicheAccesLibre:        "l'adresse de la fiche Acceslibre",
	FieldPriseRdv:               "l'adresse de prise de rendez-vous",
}

// maxLengths bounds every free text of a place, in characters. A place is
// shown on a public page and written in open data files, so no text may
// grow past what a person would type (a 3 MB description made a 3 MB
// page); the limits leave room for every real file seen (the longest
// detailed presentation of the national files has 500 characters). The
// summary has the standard's own limit (maxResume); the fields with a
// pattern (pivot, postcode, INSEE code, phone) and the enumerated lists
// are bounded by their rules. A list counts its values joined by "|".
var maxLengths = []struct {
	field string
	max   int
}{
	{FieldID, 200}, {FieldNom, 200}, {FieldCommune, 100}, {FieldAdresse, 300},
	{FieldComplementAdresse, 300}, {FieldTypologie, 500}, {FieldCourriels, 1000},
	{FieldSiteWeb, 2000}, {FieldHoraires, 1000}, {FieldPresentationDetail, 3000},
	{FieldSource, 200}, {FieldStructureParente, 200}, {FieldAutresFormationsLabels, 1000},
	{FieldFicheAccesLibre, 2000}, {FieldPriseRdv, 2000},
}

// checkLengths returns a problem for each text of p longer than its limit.
func checkLengths(p *Place) []FieldError {
	texts := map[string]string{
		FieldID: p.ID, FieldNom: p.Nom, FieldCommune: p.Commune, FieldAdresse: p.Adresse,
		FieldComplementAdresse: p.ComplementAdresse, FieldTypologie: join(p.Typologie),
		FieldCourriels: join(p.Courriels), FieldSiteWeb: join(p.SiteWeb), FieldHoraires: p.Horaires,
		FieldPresentationDetail: p.PresentationDetail, FieldSource: p.Source,
		FieldStructureParente: p.StructureParente, FieldAutresFormationsLabels: p.AutresFormationsLabels,
		FieldFicheAccesLibre: p.FicheAccesLibre, FieldPriseRdv: p.PriseRdv,
	}
	var errs []FieldError
	for _, l := range maxLengths {
		// Counting bytes first keeps a huge text from being walked twice.
		if v := texts[l.field]; len(v) > l.max && utf8.RuneCountInString(v) > l.max {
			errs = append(errs, FieldError{Field: l.field, Message: fmt.Sprintf(
				"Raccourcissez %s : %d caractères au plus.", fieldLabels[l.field], l.max)})
		}
	}
	return errs
}

// msgHours tells how to write hours that could not be read.
const msgHours = "Écrivez-les par exemple ainsi : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00."

// checkHours reads the opening hours of p with openinghours, as the search
// will to say "open now"; it returns nil when they are empty or readable.
func checkHours(p *Place) *FieldError {
	if p.Horaires == "" {
		return nil
	}
	if _, err := openinghours.Parse(p.Horaires); err != nil {
		return &FieldError{Field: FieldHoraires, Message: "Les horaires n'ont pas pu être lus (" + err.Error() + "). " + msgHours}
	}
	return nil
}

// Message texts shared by Validate and the importers.
const (
	msgPostcode  = "Le code postal doit avoir 5 chiffres, par exemple 51100."
	msgInsee     = "Le code INSEE doit avoir 5 caractères, par exemple 51454 ou 2A004."
	msgPivot     = "Le SIRET (14 chiffres), le RNA (W suivi de 9 chiffres) ou le RIDET doit avoir de 9 à 14 lettres ou chiffres, sans espace."
	msgPhone     = "Le numéro de téléphone doit être au format international sans espace, par exemple +33180059880."
	msgLatitude  = "La latitude doit être un nombre entre -90 et 90, par exemple 49.2583."
	msgLongitude = "La longitude doit être un nombre entre -180 et 180, par exemple 4.0317."
	msgBothCoord = "Donnez la latitude et la longitude ensemble, ou aucune des deux."
)

func required(field string) FieldError {
	return FieldError{Field: field, Message: "Indiquez " + fieldLabels[field] + "."}
}

// Validate checks a place against every rule of the standard: required
// fields, patterns (pivot, postcode, INSEE code, phone), the values of the
// enumerated fields, the length of the summary, the coordinates, and the
// addresses of e-mails and web sites; and against Guichet's own: the length
// of every text (maxLengths) and opening hours that openinghours can read.
// It returns nil when the place is valid.
func Validate(p *Place) []FieldError {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	for field, v := range map[string]string{FieldID: p.ID, FieldPivot: p.Pivot, FieldNom: p.Nom, FieldCommune: p.Commune, FieldCodePostal: p.CodePostal, FieldAdresse: p.Adresse} {
		if strings.TrimSpace(v) == "" {
			errs = append(errs, required(field))
		}
	}
	if p.Pivot != "" && !pivotPattern.MatchString(p.Pivot) {
		add(FieldPivot, msgPivot)
	}
	if p.CodePostal != "" && !postcodePattern.MatchString(p.CodePostal) {
		add(FieldCodePostal, msgPostcode)
	}
	if p.CodeInsee != "" && !inseePattern.MatchString(p.CodeInsee) {
		add(FieldCodeInsee, msgInsee)
	}
	if p.Telephone != "" && !telephonePattern.MatchString(p.Telephone) {
		add(FieldTelephone, msgPhone)
	}
	if p.DateMaj.IsZero() {
		errs = append(errs, required(FieldDateMaj))
	}
	errs = append(errs, validatePosition(p)...)
	if utf8.RuneCountInString(p.PresentationResume) > maxResume {
		add(FieldPresentationResume, fmt.Sprintf("Le résumé doit tenir en %d caractères au plus.", maxResume))
	}
	errs = append(errs, validateLists(p)...)
	long := checkLengths(p)
	errs = append(errs, long...)
	if fe := checkHours(p); fe != nil && len(long) == 0 {
		errs = append(errs, *fe)
	}
	sortFieldErrors(errs)
	return errs
}

func validatePosition(p *Place) []FieldError {
	var errs []FieldError
	if (p.Latitude == nil) != (p.Longitude == nil) {
		errs = append(errs, FieldError{Field: FieldLongitude, Message: msgBothCoord})
	}
	if p.Latitude != nil && !(*p.Latitude >= -90 && *p.Latitude <= 90) {
		errs = append(errs, FieldError{Field: FieldLatitude, Message: msgLatitude})
	}
	if p.Longitude != nil && !(*p.Longitude >= -180 && *p.Longitude <= 180) {
		errs = append(errs, FieldError{Field: FieldLongitude, Message: msgLongitude})
	}
	return errs
}

// validateLists checks the multi-valued fields: each value of an
// enumerated field must be one of the standard's, written as it writes it,
// and no value may hold the "|" separator.
func validateLists(p *Place) []FieldError {
	var errs []FieldError
	for field, values := range enumeratedValues(p) {
		for _, v := range values {
			if c, ok := canonical(field, v); !ok || c != v {
				errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf("« %s » n'est pas une valeur possible. Choisissez parmi : %s.", v, strings.Join(enumerations[field], " ; "))})
			}
		}
	}
	for _, e := range p.Courriels {
		if !emailPattern.MatchString(e) {
			errs = append(errs, FieldError{Field: FieldCourriels, Message: fmt.Sprintf("« %s » n'est pas une adresse e-mail valide, par exemple contact@exemple.fr.", e)})
		}
	}
	for field, urls := range map[string][]string{FieldSiteWeb: p.SiteWeb, FieldFicheAccesLibre: {p.FicheAccesLibre}, FieldPriseRdv: {p.PriseRdv}} {
		for _, u := range urls {
			if u == "" {
				continue
			}
			if n, ok := normURL(u); !ok || n != u {
				errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf("« %s » n'est pas une adresse web valide, par exemple https://www.exemple.fr.", u)})
			}
		}
	}
	for _, t := range p.Typologie {
		if strings.ContainsAny(t, "|") || strings.TrimSpace(t) == "" {
			errs = append(errs, FieldError{Field: FieldTypologie, Message: "Chaque type de structure doit être un mot comme CCAS ou ASSO."})
		}
	}
	return errs
}

// enumeratedValues returns the values of each enumerated field of p.
func enumeratedValues(p *Place) map[string][]string {
	return map[string][]string{
		FieldItinerance:                    p.Itinerance,
		FieldServices:                      p.Services,
		FieldPublicsSpecifiquementAdresses: p.PublicsSpecifiquementAdresses,
		FieldPriseEnChargeSpecifique:       p.PriseEnChargeSpecifique,
		FieldFraisACharge:                  p.FraisACharge,
		FieldDispositifProgrammesNationaux: p.DispositifProgrammesNationaux,
		FieldFormationsLabels:              p.FormationsLabels,
		FieldModalitesAcces:                p.ModalitesAcces,
		FieldModalitesAccompagnement:       p.ModalitesAccompagnement,
	}
}

// fieldOrder is the place of each field in the schema, read only.
var fieldOrder = func() map[string]int {
	order := map[string]int{}
	for i, f := range Fields() {
		order[f] = i
	}
	return order
}()

// sortFieldErrors orders problems like the fields of the schema, so that
// messages come in the order of a form. It runs twice per row imported,
// most often on no problem at all: the order is built once, above.
func sortFieldErrors(errs []FieldError) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && fieldOrder[errs[j].Field] < fieldOrder[errs[j-1].Field]; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}
