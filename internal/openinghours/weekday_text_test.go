package openinghours

import (
	"errors"
	"strings"
	"testing"
)

func TestFromWeekdayText(t *testing.T) {
	const std = "09:00 - 12:00 / 13:30 - 17:00"
	tests := []struct {
		name string
		days [7]string
		want string
	}{
		{"weekdays and saturday morning",
			[7]string{std, std, std, std, std, "09:00 - 12:00", ""},
			"Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00"},
		{"friday differs",
			[7]string{std, std, std, std, "09:00 - 12:00 / 13:30 - 16:00"},
			"Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00"},
		{"same hours apart",
			[7]string{"09:00 - 12:00", "", "09:00 - 12:00", "-", "09:00 - 12:00"},
			"Mo,We,Fr 09:00-12:00"},
		{"two days in a row",
			[7]string{"09:00-12:00", "09:00-12:00"},
			"Mo,Tu 09:00-12:00"},
		{"range then a lone day",
			[7]string{"09:00-12:00", "09:00-12:00", "09:00-12:00", "", "", "09:00-12:00"},
			"Mo-We,Sa 09:00-12:00"},
		{"closed words", [7]string{"Fermé", "fermé", "-", "", "CLOSED", "", ""}, ""},
		{"compact slash", [7]string{"09:00-12:00/14:00-17:00"}, "Mo 09:00-12:00,14:00-17:00"},
		{"comma", [7]string{"08:30-12:00,13:30-17:30"}, "Mo 08:30-12:00,13:30-17:30"},
		{"space between ranges", [7]string{"09:00-12:00 14:00-16:30"}, "Mo 09:00-12:00,14:00-16:30"},
		{"space before colon", [7]string{"08 :00-13:00/13 :30-17:00"}, "Mo 08:00-13:00,13:30-17:00"},
		{"h instead of colon", [7]string{"09:00-12h00"}, "Mo 09:00-12:00"},
		{"french hours", [7]string{"9h-12h et 14h-17h30"}, "Mo 09:00-12:00,14:00-17:30"},
		{"new lines", [7]string{"09:30-12:30/\n\n 13:30-18:00"}, "Mo 09:30-12:30,13:30-18:00"},
		{"four times chained", [7]string{"09:00-12:30-13:30-17:00"}, "Mo 09:00-12:30,13:30-17:00"},
		{"empty placeholder range", [7]string{"00:00 - 00:00 / 09:00 - 12:00", "00:00 - 00:00"}, "Mo 09:00-12:00"},
		{"ranges out of order", [7]string{"14:00-17:00 / 09:00-12:00"}, "Mo 09:00-12:00,14:00-17:00"},
		{"sunday", [7]string{6: "10:00 - 12:00"}, "Su 10:00-12:00"},
		{"en dash", [7]string{"09:00 – 12:00"}, "Mo 09:00-12:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromWeekdayText(tt.days)
			if err != nil {
				t.Fatalf("FromWeekdayText(%q) error: %v", tt.days, err)
			}
			if got != tt.want {
				t.Errorf("FromWeekdayText(%q) = %q; want %q", tt.days, got, tt.want)
			}
			if got != "" {
				mustParse(t, got)
			}
		})
	}
}

func TestFromWeekdayTextRefuses(t *testing.T) {
	tests := []struct {
		name    string
		days    [7]string
		day     int
		message string
	}{
		{"colon instead of dash", [7]string{4: "07:30:12:30"}, 4,
			"horaires du vendredi illisibles (« 07:30:12:30 ») : « 07:30:12 » n'est pas une heure"},
		{"dash then slash", [7]string{1: "09:00-13:00-/3:00-16:00"}, 1,
			"horaires du mardi illisibles (« 09:00-13:00-/3:00-16:00 ») : une heure de fin manque"},
		{"three times", [7]string{"09:00-12:00-14:00"}, 0,
			"horaires du lundi illisibles (« 09:00-12:00-14:00 ») : une heure n'a pas de fin"},
		{"end before start", [7]string{2: "14:00-09:00"}, 2,
			"horaires du mercredi illisibles (« 14:00-09:00 ») : 09:00 arrive avant 14:00"},
		{"words", [7]string{5: "sur rendez-vous"}, 5,
			"horaires du samedi illisibles (« sur rendez-vous ») : le caractère « s » est inattendu"},
		{"too many ranges", [7]string{3: strings.Repeat("08:00-09:00 / ", 13)}, 3,
			"horaires du jeudi illisibles (« " + strings.Repeat("08:00-09:00 / ", 13) + " ») : plus de 12 plages horaires dans la journée"},
		{"hour 25", [7]string{6: "25:00-26:00"}, 6,
			"horaires du dimanche illisibles (« 25:00-26:00 ») : « 25:00 » n'est pas une heure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromWeekdayText(tt.days)
			var de *DayTextError
			if !errors.As(err, &de) {
				t.Fatalf("FromWeekdayText(%q) = %q, %v; want a *DayTextError", tt.days, got, err)
			}
			if de.Day != tt.day {
				t.Errorf("error day = %d; want %d", de.Day, tt.day)
			}
			if err.Error() != tt.message {
				t.Errorf("error = %q; want %q", err.Error(), tt.message)
			}
		})
	}
}
