package demo

import (
	"guichet/internal/changes"
	"guichet/internal/forms"
)

// changeOfAddressForm is the form of changement-adresse, the change
// declared once: the address known, the new one, the date, and the
// administrations to tell, those the person deals with ticked already.
// Its keys are the ones changes.Dispatch reads.
func changeOfAddressForm() forms.Form {
	var to []forms.Option
	for _, r := range changes.Recipients {
		to = append(to, forms.Option{Value: r.Slug, Label: capitalFirst(r.Name)})
	}
	return forms.Form{Procedure: changes.Procedure, Pages: []forms.Page{
		{Fields: []forms.Field{
			{Key: "ancienne_adresse", Type: forms.Address, Label: "Votre adresse actuelle", Required: true, Prefill: "profil:adresse",
				Help: "Celle que les organismes connaissent aujourd'hui."},
		}},
		{Fields: []forms.Field{
			{Key: changes.KeyNewAddress, Type: forms.Address, Label: "Votre nouvelle adresse", Required: true},
		}},
		{Fields: []forms.Field{
			{Key: changes.KeyDate, Type: forms.Date, Label: "Depuis quand habitez-vous à cette adresse ?", Required: true,
				Help: "Le jour où vous changez de logement, même s'il est à venir."},
		}},
		{Fields: []forms.Field{
			{Key: changes.KeyRecipients, Type: forms.Choices, Label: "Quels organismes prévenir ?", Required: true,
				Prefill: "profil:relations", Options: to,
				Help: "Nous donnons votre nouvelle adresse à chaque organisme coché. Vous suivez chaque envoi sous un seul numéro."},
		}},
	}}
}

// capitalFirst puts a capital to the first letter of a name in a sentence
// ("la CAF": "La CAF").
func capitalFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}
