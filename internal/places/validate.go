package places

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"guichet/internal/errs"
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
// addresses of e-mails and web sites. It returns nil when the place is valid.
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

// sortFieldErrors orders problems like the fields of the schema, so that
// messages come in the order of a form.
func sortFieldErrors(errs []FieldError) {
	order := map[string]int{}
	for i, f := range Fields() {
		order[f] = i
	}
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && order[errs[j].Field] < order[errs[j-1].Field]; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}
