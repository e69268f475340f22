package openinghours

import (
	"errors"
	"testing"
)

func TestParseRefuses(t *testing.T) {
	tests := []struct{ name, value string }{
		{"empty", ""},
		{"blank", "  ;  "},
		{"time without end", "Fr 09:30"},
		{"three times chained", "Mo 09:00-12:00-14:00"},
		{"unknown word", "Mo-Fr 09:00-12:00 sometimes"},
		{"bad hour", "Mo 25:00-26:00"},
		{"bad minute", "Mo 09:75-10:00"},
		{"end past 48h", "Mo 09:00-49:00"},
		{"unclosed comment", `Mo 09:00-12:00 "sur rendez-vous`},
		{"bad nth", "Mo[6] 09:00-12:00"},
		{"bad week", "week 54 Mo 09:00-12:00"},
		{"bad day of month", "Feb 30 off"},
		{"dangling dash", "Mo- 09:00-12:00"},
		{"dangling comma", "Mo, 09:00-12:00"},
		{"sunrise", "Mo sunrise-sunset"},
		{"repeating", "Mo 10:00-16:00/01:30"},
		{"strange character", "Mo 09:00-12:00 @"},
		{"huge number", "Mo 0000009:00-12:00"},
		{"two comments", `Mo "a" "b"`},
		{"years backwards", "2025-2024 Mo 09:00-12:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.value)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, nil; want an error", tt.value, s)
			}
			var se *SyntaxError
			if !errors.As(err, &se) && !errors.Is(err, ErrEmpty) {
				t.Errorf("Parse(%q) error %T %v; want *SyntaxError or ErrEmpty", tt.value, err, err)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("Mo 09:00-12:00; Tu 08:30")
	want := "horaires illisibles (caractère 20) : il manque l'heure de fermeture après 08:30"
	if err == nil || err.Error() != want {
		t.Errorf("Parse error = %v; want %q", err, want)
	}
}

func TestNoNameIsBothDayAndMonth(t *testing.T) {
	for name := range weekdayNames {
		if _, ok := monthNames[name]; ok {
			t.Errorf("%q is both a weekday and a month", name)
		}
		if _, ok := modifierNames[name]; ok {
			t.Errorf("%q is both a weekday and a modifier", name)
		}
	}
}
