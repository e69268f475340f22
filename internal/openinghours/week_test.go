package openinghours

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWeek(t *testing.T) {
	closed := func(name string) Day { return Day{Name: name, Closed: true} }
	tests := []struct {
		name  string
		value string
		want  []Day
	}{
		{"office and saturday", "Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00", []Day{
			{Name: "lundi", Ranges: []string{"9 h – 12 h", "14 h – 18 h 30"}},
			{Name: "mardi", Ranges: []string{"9 h – 12 h", "14 h – 18 h 30"}},
			{Name: "mercredi", Ranges: []string{"9 h – 12 h", "14 h – 18 h 30"}},
			{Name: "jeudi", Ranges: []string{"9 h – 12 h", "14 h – 18 h 30"}},
			{Name: "vendredi", Ranges: []string{"9 h – 12 h", "14 h – 18 h 30"}},
			{Name: "samedi", Ranges: []string{"9 h – 12 h"}},
			closed("dimanche"),
		}},
		{"day off and holidays", "Mo-Th 08:30-17:00; We off; PH off", []Day{
			{Name: "lundi", Ranges: []string{"8 h 30 – 17 h"}},
			{Name: "mardi", Ranges: []string{"8 h 30 – 17 h"}},
			closed("mercredi"),
			{Name: "jeudi", Ranges: []string{"8 h 30 – 17 h"}},
			closed("vendredi"), closed("samedi"), closed("dimanche"),
		}},
		{"comment and lunch closed", `Mo 10:00-12:00 "sur rendez-vous"; Tu 08:00-18:00; Tu 12:00-14:00 off`, []Day{
			{Name: "lundi", Ranges: []string{"10 h – 12 h"}, Comment: "sur rendez-vous"},
			{Name: "mardi", Ranges: []string{"8 h – 12 h", "14 h – 18 h"}},
			closed("mercredi"), closed("jeudi"), closed("vendredi"), closed("samedi"), closed("dimanche"),
		}},
		{"odd weeks and first monday", "week 1-53/2 We 10:00-12:00; Mo[1] 14:00-16:00", []Day{
			{Name: "lundi", Comment: "le 1er lundi du mois : 14 h – 16 h"},
			closed("mardi"),
			{Name: "mercredi", Comment: "les semaines impaires : 10 h – 12 h"},
			closed("jeudi"), closed("vendredi"), closed("samedi"), closed("dimanche"),
		}},
		{"night", "Fr 22:00-02:00", []Day{
			closed("lundi"), closed("mardi"), closed("mercredi"), closed("jeudi"),
			{Name: "vendredi", Ranges: []string{"22 h – 2 h"}},
			closed("samedi"), closed("dimanche"),
		}},
		{"fallback comment", `Mo-Sa 09:00-12:00 unknown || "sur rendez-vous"`, []Day{
			{Name: "lundi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "mardi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "mercredi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "jeudi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "vendredi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "samedi", Ranges: []string{"9 h – 12 h (à confirmer)"}},
			{Name: "dimanche", Comment: "horaires à confirmer ; sur rendez-vous"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.value).Week()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q).Week() mismatch (-want +got):\n%s", tt.value, diff)
			}
		})
	}
}

func TestWeekAlwaysOpen(t *testing.T) {
	for _, d := range mustParse(t, "24/7").Week() {
		if want := []string{"24 h sur 24"}; !cmp.Equal(d.Ranges, want) || d.Closed {
			t.Errorf("%s = %+v; want Ranges %q", d.Name, d, want)
		}
	}
}

func TestNotes(t *testing.T) {
	tests := []struct {
		name, value string
		want        []string
	}{
		{"regular only", "Mo-Fr 09:00-12:00", nil},
		{"holidays", "Mo-Fr 09:00-17:00; PH off", []string{"Fermé les jours fériés"}},
		{"summer", "Mo-Fr 09:00-17:00; Jul-Aug off", []string{"Fermé de juillet à août"}},
		{"one month", "Mo-Fr 09:00-17:00; Aug off", []string{"Fermé en août"}},
		{"christmas eve", "Dec 24 off", []string{"Fermé le 24 décembre"}},
		{"new year", "Dec 24-Jan 02 off", []string{"Fermé du 24 décembre au 2 janvier"}},
		{"dated", "2024 Dec 23 off", []string{"Fermé le 23 décembre 2024"}},
		{"odd weeks", "week 1-53/2 Mo 10:00-12:00", []string{"Ouvert les semaines impaires, le lundi : 10 h – 12 h"}},
		{"even weeks", "week 2-52/2 Mo-Fr 10:00-12:00", []string{"Ouvert les semaines paires, du lundi au vendredi : 10 h – 12 h"}},
		{"nth days", "Sa[2,4] 09:00-12:00", []string{"Ouvert les 2e et 4e samedis du mois : 9 h – 12 h"}},
		{"last monday", "Mo[-1] 14:00-16:00", []string{"Ouvert le dernier lundi du mois : 14 h – 16 h"}},
		{"school holidays", `SH off "vacances"`, []string{"Fermé pendant les vacances scolaires (vacances)"}},
		{"day after holiday", "PH +1 day 10:00-12:00", []string{"Ouvert le lendemain des jours fériés : 10 h – 12 h"}},
		{"holiday with weekdays", "Mo,We,PH 10:00-12:00", []string{"Ouvert les lundi et mercredi, les jours fériés : 10 h – 12 h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.value).Notes()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q).Notes() mismatch (-want +got):\n%s", tt.value, diff)
			}
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct{ value, want string }{
		{"lundi-vendredi 9h-12h ;", "Mo-Fr 09:00-12:00"},
		{" mo,we,fr 9:00-12:00 , sa 10h-12h", "Mo,We,Fr 09:00-12:00, Sa 10:00-12:00"},
		{"Mo-Fr 09:00-12:00 14:00-17:00", "Mo-Fr 09:00-12:00,14:00-17:00"},
		{"Fr 22:00-26:00", "Fr 22:00-02:00"},
		{"Mo 10:00-34:00", "Mo 10:00-34:00"},
		{"Mo-Fr 09:00-17:00; PH +1 day off", "Mo-Fr 09:00-17:00; PH +1 day off"},
		{`week 1-53/2 Mo[1,-1] 10:00-12:00 "rdv"`, `week 01-53/2 Mo[1,-1] 10:00-12:00 "rdv"`},
		{"2024 Dec 24-26 closed", "2024 Dec 24-26 off"},
		{"2024 Jan-Mar Mo 09:00-12:00", "2024 Jan-Mar Mo 09:00-12:00"},
		{"2024,2026 Jan Mo 09:00-12:00", "2024-2024,2026 Jan Mo 09:00-12:00"},
		{"2024-2025 Jan-Mar Mo 09:00-12:00", "2024-2025 Jan-Mar Mo 09:00-12:00"},
		{`Mo-Fr 09:00-12:00 || "sur rendez-vous"`, `Mo-Fr 09:00-12:00 || "sur rendez-vous"`},
		{"Sa 18:00+", "Sa 18:00+"},
		{"Dec 24,31 off", "Dec 24,Dec 31 off"},
		{"24/7", "24/7"},
		// An additional rule that would read as more of the rule before it
		// (found by FuzzParse): the implied state ends that rule.
		{"DeC2000,DeC", "2000-2000 Dec open, Dec"},
		{"Mo 10:00-12:00 open, 14:00-16:00", "Mo 10:00-12:00 open, 14:00-16:00"},
		{"Mo open, Tu 14:00-16:00", "Mo open, Tu 14:00-16:00"},
		{"Mo «le \"grand\" local»", "Mo «le \"grand\" local»"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			s := mustParse(t, tt.value)
			got := s.String()
			if got != tt.want {
				t.Errorf("Parse(%q).String() = %q; want %q", tt.value, got, tt.want)
			}
			again := mustParse(t, got)
			if !cmp.Equal(s.rules, again.rules, ruleComparer) {
				t.Errorf("Parse(%q) reads back differently", got)
			}
		})
	}
}
