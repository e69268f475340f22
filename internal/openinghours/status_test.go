package openinghours

import (
	"testing"
	"time"
)

// 11 March 2024 is a Monday; 15 March a Friday.
func TestStatus(t *testing.T) {
	const office = "Mo-Fr 09:00-12:00,14:00-18:30"
	tests := []struct{ name, value, at, want string }{
		{"open morning", office, "2024-03-11 10:00", "Ouvert maintenant · ferme à 12 h"},
		{"open afternoon", office, "2024-03-11 15:00", "Ouvert maintenant · ferme à 18 h 30"},
		{"lunch break", office, "2024-03-11 12:30", "Fermé · ouvre à 14 h"},
		{"evening", office, "2024-03-11 19:00", "Fermé · ouvre demain à 9 h"},
		{"friday evening", office, "2024-03-15 19:00", "Fermé · ouvre lundi à 9 h"},
		{"saturday", office, "2024-03-16 10:00", "Fermé · ouvre lundi à 9 h"},
		{"sunday evening", "Mo-Fr 08:30-12:00", "2024-03-10 20:00", "Fermé · ouvre demain à 8 h 30"},
		{"once a week, a week later", "Mo 09:00-12:00", "2024-03-11 13:00", "Fermé · ouvre le 18 mars à 9 h"},
		{"later this week", "Sa 08:00-12:00", "2024-03-11 13:00", "Fermé · ouvre samedi à 8 h"},
		{"always", "24/7", "2024-03-11 03:00", "Ouvert 24 h sur 24"},
		{"every day all day", "Mo-Su 00:00-24:00", "2024-03-11 03:00", "Ouvert 24 h sur 24"},
		{"never", "off", "2024-03-11 10:00", "Fermé pour le moment"},
		{"closes at midnight", "Mo 18:00-24:00", "2024-03-11 20:00", "Ouvert maintenant · ferme à minuit"},
		{"closes friday at midnight", "Mo-Fr 00:00-24:00", "2024-03-11 10:00", "Ouvert maintenant · ferme vendredi à minuit"},
		{"closes tomorrow at midnight", "Mo,Tu 00:00-24:00", "2024-03-11 10:00", "Ouvert maintenant · ferme demain à minuit"},
		{"closes after midnight", "Fr 22:00-02:00", "2024-03-15 23:00", "Ouvert maintenant · ferme demain à 2 h"},
		{"comment", `Mo 10:00-12:00 "sur rendez-vous"`, "2024-03-11 11:00",
			"Ouvert maintenant · ferme à 12 h · sur rendez-vous"},
		{"comment alone", `"sur rendez-vous"`, "2024-03-11 11:00", "Horaires à confirmer · sur rendez-vous"},
		{"unknown now", "Mo-Fr 09:00-12:00 unknown", "2024-03-11 10:00", "Horaires à confirmer"},
		{"unknown next", "Mo-Fr 09:00-12:00 unknown", "2024-03-10 10:00",
			"Fermé · réouverture à confirmer demain à 9 h"},
		{"open end", "Sa 10:00-18:00+", "2024-03-16 11:00",
			"Ouvert maintenant · au moins jusqu'à 18 h"},
		{"summer closing", "Mo-Fr 09:00-17:00; Jul-Aug off", "2024-07-15 10:00",
			"Fermé · ouvre le 2 septembre à 9 h"},
		{"first of the month", "Mo-Fr 09:00-17:00; Jul-Aug off", "2025-08-20 10:00",
			"Fermé · ouvre le 1er septembre à 9 h"},
		{"easter monday", "Mo-Fr 09:00-17:00; PH off", "2024-04-01 10:00", "Fermé · ouvre demain à 9 h"},
		{"closed day comment", `Mo-Fr 09:00-17:00; Dec 24 off "veille de Noël"`, "2024-12-24 10:00",
			"Fermé · ouvre demain à 9 h · veille de Noël"},
		{"spring forward", "Su 01:00-04:00", "2024-03-31 01:30", "Ouvert maintenant · ferme à 4 h"},
		{"autumn back", "Su 09:00-12:00", "2024-10-27 01:00", "Fermé · ouvre à 9 h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.value).Status(at(t, tt.at))
			if got != tt.want {
				t.Errorf("Parse(%q).Status(%s) = %q; want %q", tt.value, tt.at, got, tt.want)
			}
		})
	}
}

func TestNextChange(t *testing.T) {
	tests := []struct {
		name, value, at string
		want            string // Paris wall clock, "" for none
		after           time.Duration
	}{
		{"closes tonight", "Mo-Fr 09:00-18:00", "2024-03-11 10:00", "2024-03-11 18:00", 8 * time.Hour},
		{"opens monday", "Mo-Fr 09:00-18:00", "2024-03-15 19:00", "2024-03-18 09:00", 62 * time.Hour},
		{"exactly at opening", "Mo-Fr 09:00-18:00", "2024-03-11 09:00", "2024-03-11 18:00", 9 * time.Hour},
		{"no gap at noon", "Mo 08:00-12:00,12:00-14:00", "2024-03-11 09:00", "2024-03-11 14:00", 5 * time.Hour},
		{"through midnight", "Mo 18:00-24:00; Tu 00:00-02:00", "2024-03-11 20:00", "2024-03-12 02:00", 6 * time.Hour},
		{"after midnight", "Fr 22:00-02:00", "2024-03-15 23:00", "2024-03-16 02:00", 3 * time.Hour},
		{"spring forward", "Su 01:00-04:00", "2024-03-31 01:30", "2024-03-31 04:00", 90 * time.Minute},
		{"autumn back", "Su 01:00-04:00", "2024-10-27 01:30", "2024-10-27 04:00", 210 * time.Minute},
		{"always", "24/7", "2024-03-11 10:00", "", 0},
		{"never", "off", "2024-03-11 10:00", "", 0},
		{"beyond eight days", "Mo[1] 10:00-12:00", "2024-03-11 10:00", "", 0},
		{"to unknown", "Mo 09:00-12:00; Mo 12:00-14:00 unknown", "2024-03-11 10:00", "2024-03-11 12:00", 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := at(t, tt.at)
			got, ok := mustParse(t, tt.value).NextChange(from)
			if tt.want == "" {
				if ok {
					t.Errorf("NextChange(%s) = %v, true; want none", tt.at, got)
				}
				return
			}
			want := at(t, tt.want)
			if !ok || !got.Equal(want) {
				t.Errorf("NextChange(%s) = %v, %v; want %v", tt.at, got, ok, want)
			}
			if d := got.Sub(from); d != tt.after {
				t.Errorf("NextChange(%s) is %v later; want %v", tt.at, d, tt.after)
			}
		})
	}
}
