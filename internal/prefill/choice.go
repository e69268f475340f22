package prefill

import (
	"slices"

	"guichet/internal/forms"
)

// profileChoices are the profile items an owner may bind a field to in the
// form editor, in the order the editor lists them, with the field types
// each suits.
var profileChoices = []struct {
	item, label string
	types       []forms.Type
}{
	{"adresse", "Adresse postale, du profil (pour une adresse)", []forms.Type{forms.Address}},
	{"telephone", "Téléphone, du profil (pour un téléphone)", []forms.Type{forms.Phone}},
	{"email", "Adresse e-mail, du profil (pour une adresse e-mail)", []forms.Type{forms.Email}},
	{"iban", "Coordonnées bancaires, du profil (pour un IBAN)", []forms.Type{forms.IBAN}},
	{"prenom", "Prénom, du profil (pour un texte court)", []forms.Type{forms.ShortText}},
	{"nom", "Nom de famille, du profil (pour un texte court)", []forms.Type{forms.ShortText}},
	{"naissance", "Date de naissance, du profil (pour une date)", []forms.Type{forms.Date}},
	{"enfants", "Nombre d'enfants, du profil (pour un nombre)", []forms.Type{forms.Number}},
}

// connectorTypes are the field types a connector's value (a number or a
// short text) may fill.
var connectorTypes = []forms.Type{forms.ShortText, forms.Number}

// Choices lists the bindings an owner may give a field in the form
// editor: the profile's items, then each connector's data categories.
func (s *Service) Choices() []forms.Option {
	var out []forms.Option
	for _, c := range profileChoices {
		out = append(out, forms.Option{Value: ProfileSource + ":" + c.item, Label: c.label})
	}
	for _, c := range s.opts.Connectors {
		for _, cat := range c.Categories() {
			out = append(out, forms.Option{Value: c.Name() + ":" + cat.Key,
				Label: cat.Name + ", transmis par " + c.Label() + " (pour un nombre ou un texte court)"})
		}
	}
	return out
}

// Suits tells whether binding, one of Choices, may fill a field of type t.
func (s *Service) Suits(binding string, t forms.Type) bool {
	b, ok := Parse(binding)
	if !ok {
		return false
	}
	if b.Source == ProfileSource {
		for _, c := range profileChoices {
			if c.item == b.Item {
				return slices.Contains(c.types, t)
			}
		}
		return false
	}
	for _, c := range s.opts.Connectors {
		if c.Name() != b.Source {
			continue
		}
		for _, cat := range c.Categories() {
			if cat.Key == b.Item {
				return slices.Contains(connectorTypes, t)
			}
		}
	}
	return false
}
