package sms

import (
	"errors"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	ok := map[string]string{
		"06 12 34 56 78":           "+33612345678",
		"0612345678":               "+33612345678",
		"06.12.34.56.78":           "+33612345678",
		"06-12-34-56-78":           "+33612345678",
		" +33 6 12 34 56 78 ":      "+33612345678",
		"+33 (0)6 12 34 56 78":     "+33612345678",
		"0033612345678":            "+33612345678",
		"01 23 45 67 89":           "+33123456789",
		"07 51 23 45 67":           "+33751234567",
		"0692 12 34 56":            "+262692123456", // La Réunion, mobile
		"0262 12 34 56":            "+262262123456", // La Réunion, fixed
		"+262 692 12 34 56":        "+262692123456",
		"0639 12 34 56":            "+262639123456", // Mayotte
		"+262 639 12 34 56":        "+262639123456",
		"0690 12 34 56":            "+590690123456", // Guadeloupe
		"0694 12 34 56":            "+594694123456", // Guyane
		"0696 12 34 56":            "+596696123456", // Martinique
		"+33 6 96 12 34 56":        "+596696123456", // written with +33 by mistake
		"+687 71 23 45":            "+687712345",    // Nouvelle-Calédonie
		"+689 87 12 34 56":         "+68987123456",  // Polynésie française
		"+508 55 12 34":            "+508551234",    // Saint-Pierre-et-Miquelon
		"+681 82 12 34":            "+681821234",    // Wallis-et-Futuna
		"06\u00a012\u00a034 56 78": "+33612345678",
	}
	for in, want := range ok {
		got, err := NormalizePhone(in)
		if err != nil || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]error{
		"":                   ErrPhoneEmpty,
		"   ":                ErrPhoneEmpty,
		"06 12 34 56":        ErrPhoneLength,
		"06 12 34 56 78 9":   ErrPhoneLength,
		"6 12 34 56 78":      ErrPhoneLength,
		"00 12 34 56 78":     ErrPhoneCountry,
		"+33 06 12 34 56 78": ErrPhoneLength,
		"06 12 AB 56 78":     ErrPhoneCharacters,
		"06+12345678":        ErrPhoneCharacters,
		"+44 20 7946 0958":   ErrPhoneCountry,
		"+269 339 12 34":     ErrPhoneCountry, // the Comoros, no longer Mayotte
		"+262 612 34 56 78":  ErrPhoneLength,  // +262 but not a Réunion or Mayotte range
		"+687 71 23 4":       ErrPhoneLength,
	}
	for in, want := range bad {
		if _, err := NormalizePhone(in); !errors.Is(err, want) {
			t.Errorf("NormalizePhone(%q) error = %v, want %v", in, err, want)
		}
	}
}

func TestNormalizeMobile(t *testing.T) {
	for _, in := range []string{"06 12 34 56 78", "07 51 23 45 67", "0692 12 34 56", "0639 12 34 56", "+687 71 23 45", "+689 87 12 34 56", "+508 55 12 34"} {
		if _, err := NormalizeMobile(in); err != nil {
			t.Errorf("NormalizeMobile(%q): %v", in, err)
		}
	}
	for _, in := range []string{"01 23 45 67 89", "0262 12 34 56", "0590 12 34 56", "+687 27 12 34", "+689 40 12 34 56", "+508 41 12 34"} {
		if _, err := NormalizeMobile(in); !errors.Is(err, ErrPhoneNotMobile) {
			t.Errorf("NormalizeMobile(%q) error = %v, want not mobile", in, err)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"06 12 34 56 78", "+262 692 12 34 56", "+687 71 23 45", "(0)", "++33", "0033"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizePhone(s)
		if err != nil {
			return
		}
		again, err := NormalizePhone(n)
		if err != nil || again != n {
			t.Fatalf("%q → %q is not stable: %q, %v", s, n, again, err)
		}
		if _, err := internationalDigits(n); err != nil {
			t.Fatalf("%q → %q: %v", s, n, err)
		}
	})
}
