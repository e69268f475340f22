package forms

import (
	"net/url"
	"testing"
)

// BenchmarkValidateAll measures the final check of a dossier before it is sent, part of
// the submission the issue times.
func BenchmarkValidateAll(b *testing.B) {
	f := testForm()
	a := Answers{"nom": {Text: "Curie"}, "age": {Text: "42"}, "parent": {Text: "oui"}, "aides": {List: []string{"rsa"}},
		"situation": {Text: "couple"},
		"enfants": {Rows: []Answers{{"prenom": {Text: "Léa"}, "naissance": {Text: "2020-03-01"}},
			{"prenom": {Text: "Tom"}, "naissance": {Text: "2022-05-01"}}}},
		"adresse": {Address: &PostalAddress{Street: "1 rue de la Paix", Postcode: "75002", Town: "Paris"}},
		"tel":     {Text: "06 12 34 56 78"}, "iban": {Text: "FR76 3000 6000 0112 3456 7890 189"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := f.ValidateAll(a); len(problems) != 0 {
			b.Fatal(problems)
		}
	}
}

// BenchmarkParsePage measures reading a posted page with a repeatable block.
func BenchmarkParsePage(b *testing.B) {
	f := testForm()
	v := url.Values{"enfants.count": {"2"}, "enfants[0].prenom": {"Léa"}, "enfants[0].naissance.day": {"1"},
		"enfants[0].naissance.month": {"3"}, "enfants[0].naissance.year": {"2020"}, "enfants[1].prenom": {"Tom"}}
	b.ReportAllocs()
	for b.Loop() {
		f.ParsePage(2, v)
	}
}
