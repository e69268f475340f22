package forms

import "time"

func ptr(f float64) *float64 { return &f }

// testForm is a form of three pages: who, their situation (shown only to parents), and
// their children (a repeatable block).
func testForm() *Form {
	f := &Form{Procedure: "prime-naissance", Version: 1, Pages: []Page{
		{Title: "Vous", Fields: []Field{
			{Key: "intro", Type: Explanation, Label: "Répondez à quelques questions."},
			{Key: "nom", Type: ShortText, Label: "Votre nom", Required: true},
			{Key: "age", Type: Number, Label: "Votre âge", Limits: Limits{Min: ptr(16), Max: ptr(120)}},
			{Key: "parent", Type: YesNo, Label: "Avez-vous des enfants ?", Required: true},
			{Key: "aides", Type: Choices, Label: "Vos aides", Options: []Option{
				{Value: "rsa", Label: "RSA"}, {Value: "apl", Label: "Aide au logement"}, {Value: "aah", Label: "AAH"}}},
		}},
		{Title: "Votre situation", Fields: []Field{
			{Key: "situation", Type: Choice, Label: "Votre situation", Required: true,
				Condition: &Condition{Op: Equals, Field: "parent", Value: "oui"},
				Options:   []Option{{Value: "seul", Label: "Seul"}, {Value: "couple", Label: "En couple"}}},
		}},
		{Title: "Vos enfants", Fields: []Field{
			{Key: "enfants", Type: Repeat, Label: "Vos enfants", Required: true, ItemLabel: "Enfant",
				AddLabel: "Ajouter un enfant", Limits: Limits{MaxRepeat: 3},
				Condition: &Condition{Op: Equals, Field: "parent", Value: "oui"},
				Children: []Field{
					{Key: "prenom", Type: ShortText, Label: "Prénom", Required: true},
					{Key: "naissance", Type: Date, Label: "Date de naissance", Required: true, Limits: Limits{PastOnly: true}},
				}},
		}},
		{Title: "Vos coordonnées", Fields: []Field{
			{Key: "adresse", Type: Address, Label: "Votre adresse", Required: true},
			{Key: "tel", Type: Phone, Label: "Votre téléphone"},
			{Key: "iban", Type: IBAN, Label: "Votre numéro de compte bancaire (IBAN)", Required: true},
		}},
	}}
	f.SetClock(func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) })
	return f
}
