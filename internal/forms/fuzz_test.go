package forms

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzNormalize checks that the parsers never panic, that what they accept is in their
// canonical form, and that normalising it again changes nothing.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"FR76 3000 6000 0112 3456 7890 189", "GB82WEST12345698765432", "fr7630006000011234567890189",
		"06 12 34 56 78", "+33 (0)6 12 34 56 78", "0692123456", "+687 12 34 56", "0033612345678", "+",
		"732 829 320 00074", "35600000049837", "a@b.fr", "", "\x00", "é@è.fr", "2020-2-29", "1 234,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if iban, ok := NormalizeIBAN(s); ok {
			if again, ok2 := NormalizeIBAN(iban); !ok2 || again != iban || ibanMod97(iban[4:]+iban[:4]) != 1 {
				t.Fatalf("IBAN %q -> %q not stable", s, iban)
			}
			if back, ok := NormalizeIBAN(FormatIBAN(iban)); !ok || back != iban {
				t.Fatalf("formatted IBAN %q does not read back", FormatIBAN(iban))
			}
		}
		if p, ok := NormalizePhone(s); ok {
			if !strings.HasPrefix(p, "+") || strings.Trim(p[1:], "0123456789") != "" {
				t.Fatalf("phone %q -> %q", s, p)
			}
			if again, ok := NormalizePhone(p); !ok || again != p {
				t.Fatalf("phone %q -> %q -> %q", s, p, again)
			}
			if back, ok := NormalizePhone(FormatPhone(p)); !ok || back != p {
				t.Fatalf("formatted phone %q reads back as %q", FormatPhone(p), back)
			}
		}
		if siret, ok := NormalizeSIRET(s); ok {
			if again, ok := NormalizeSIRET(FormatSIRET(siret)); !ok || again != siret {
				t.Fatalf("SIRET %q -> %q not stable", s, siret)
			}
		}
		if e, ok := NormalizeEmail(s); ok {
			if again, ok := NormalizeEmail(e); !ok || again != e {
				t.Fatalf("e-mail %q -> %q not stable", s, e)
			}
		}
		fd := &Field{Key: "d", Type: Date}
		if v, msg := clean(fd, Value{Text: s}, "2026-01-01"); msg == "" && v.Text != "" {
			if _, ok := parseISODate(v.Text); !ok || len(v.Text) != 10 {
				t.Fatalf("date %q -> %q", s, v.Text)
			}
		}
	})
}

// FuzzParsePage checks that no posted page, however odd, panics or makes more items than
// a repeatable block allows.
func FuzzParsePage(f *testing.F) {
	f.Add("enfants.count=2&enfants[0].prenom=L%C3%A9a&_ajouter=enfants")
	f.Add("enfants.count=99&_retirer=enfants[1]")
	f.Add("_retirer=enfants[-1]&_retirer=enfants[")
	f.Fuzz(func(t *testing.T, query string) {
		v, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		form := testForm()
		for p := range form.Pages {
			a, _ := form.ParsePage(p, v)
			if n := len(a["enfants"].Rows); n > 3 {
				t.Fatalf("%d rows from %q", n, query)
			}
			form.Validate(p, a)
			form.Summary(a)
		}
	})
}
