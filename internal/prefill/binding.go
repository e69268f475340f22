package prefill

import (
	"strconv"
	"strings"

	"guichet/internal/forms"
	"guichet/internal/profile"
)

// ProfileSource is the source part of a binding to the person's profile.
const ProfileSource = "profil"

// The profile bindings a field may name after "profil:", with the forms
// field types they suit.
var profileBindings = map[string][]forms.Type{
	"adresse": {forms.Address}, "telephone": {forms.Phone}, "email": {forms.Email}, "iban": {forms.IBAN},
	"prenom": {forms.ShortText}, "nom": {forms.ShortText}, "naissance": {forms.Date},
	"enfants": {forms.Number},
}

// Binding is a parsed forms.Field.Prefill: its source ("profil" or a
// connector's name) and what it names there.
type Binding struct{ Source, Item string }

// Parse reads a field's Prefill, ok false when it has none or it is malformed.
func Parse(s string) (Binding, bool) {
	src, item, ok := strings.Cut(s, ":")
	if !ok || src == "" || item == "" {
		return Binding{}, false
	}
	return Binding{src, item}, true
}

// fromProfile returns the answer the profile gives for item, ok false when
// the profile does not hold it.
func fromProfile(p profile.Profile, item string) (forms.Value, profile.Source, bool) {
	var e profile.Entry
	var has bool
	switch item {
	case "adresse":
		e, has = p[profile.Address]
		if has && e.Value.Address != nil {
			a := *e.Value.Address
			return forms.Value{Address: &a}, e.Source, true
		}
		return forms.Value{}, e.Source, false
	case "telephone":
		e, has = p[profile.Phone]
	case "email":
		e, has = p[profile.Email]
	case "iban":
		e, has = p[profile.IBAN]
	case "prenom", "nom", "naissance":
		e, has = p[profile.Identity]
		v := map[string]string{"prenom": e.Value.GivenName, "nom": e.Value.FamilyName, "naissance": e.Value.Birthdate}[item]
		return forms.Value{Text: v}, e.Source, has && v != ""
	case "enfants":
		e, has = p[profile.Family]
		return forms.Value{Text: strconv.Itoa(e.Value.Children)}, e.Source, has
	}
	return forms.Value{Text: e.Value.Text}, e.Source, has && e.Value.Text != ""
}

// bindable says which profile binding would suit a field that has none:
// its type, or for a text or a date its autocomplete purpose.
func bindable(fd *forms.Field) bool {
	switch fd.Type {
	case forms.Address, forms.Phone, forms.Email, forms.IBAN:
		return true
	case forms.ShortText:
		return fd.Autocomplete == "given-name" || fd.Autocomplete == "family-name"
	case forms.Date:
		return fd.Autocomplete == "bday"
	}
	return false
}

// Unbound returns the keys of the fields of f, in form order, that ask for
// something a binding could have filled but have none: what the person is
// asked again although Guichet knows it.
func Unbound(f *forms.Form) []string {
	var out []string
	for _, pg := range f.Pages {
		for i := range pg.Fields {
			fd := &pg.Fields[i]
			if fd.Prefill == "" && bindable(fd) {
				out = append(out, fd.Key)
			}
		}
	}
	return out
}
