package openinghours

import "testing"

// Reference days in 2024: 11 March is a Monday of ISO week 11; 31 March is
// Easter Sunday and the spring change of time; 27 October the autumn one.
func TestIsOpen(t *testing.T) {
	tests := []struct {
		name, value, at string
		open, ok        bool
	}{
		{"weekday morning", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-11 10:00", true, true},
		{"lunch break", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-11 12:30", false, true},
		{"closing minute is closed", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-11 18:30", false, true},
		{"last open minute", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-11 18:29", true, true},
		{"opening minute is open", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-11 09:00", true, true},
		{"sunday not named", "Mo-Fr 09:00-12:00,14:00-18:30", "2024-03-10 10:00", false, true},
		{"day list", "Mo,We,Fr 10:00-12:00", "2024-03-13 11:00", true, true},
		{"day list skips tuesday", "Mo,We,Fr 10:00-12:00", "2024-03-12 11:00", false, true},
		{"later rule overrides", "Mo-Fr 09:00-18:00; We 10:00-12:00", "2024-03-13 15:00", false, true},
		{"later rule keeps other days", "Mo-Fr 09:00-18:00; We 10:00-12:00", "2024-03-14 15:00", true, true},
		{"we off", "Mo-Fr 08:30-12:00,13:30-17:00; We off", "2024-03-13 09:00", false, true},
		{"tu,th off", "Mo-Fr 09:00-12:30; Tu,Th off", "2024-03-14 10:00", false, true},
		{"additional rule adds", "Mo 09:00-12:00, Mo 14:00-16:00", "2024-03-11 15:00", true, true},
		{"additional rule keeps first", "Mo 09:00-12:00, Mo 14:00-16:00", "2024-03-11 10:00", true, true},
		{"closed hours only close those", "Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2024-03-13 10:00", true, true},
		{"closed hours close", "Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2024-03-13 13:00", false, true},
		{"24/7", "24/7", "2024-03-10 03:00", true, true},
		{"24/7 with PH off on holiday", "24/7; PH off", "2024-04-01 10:00", false, true},
		{"past midnight same night", "Fr 22:00-02:00", "2024-03-15 23:30", true, true},
		{"past midnight next morning", "Fr 22:00-02:00", "2024-03-16 01:30", true, true},
		{"past midnight ends", "Fr 22:00-02:00", "2024-03-16 02:00", false, true},
		{"past midnight not thursday night", "Fr 22:00-02:00", "2024-03-15 01:00", false, true},
		{"extended time", "Sa 20:00-26:00", "2024-03-17 01:59", true, true},
		{"spill survives day off", "Fr 22:00-02:00; Sa off", "2024-03-16 01:00", true, true},
		{"24:00 end", "Mo 18:00-24:00", "2024-03-11 23:59", true, true},
		{"24:00 end is next day closed", "Mo 18:00-24:00", "2024-03-12 00:00", false, true},
		{"whole day without hours", "Sa", "2024-03-16 15:00", true, true},
		{"PH off on easter monday", "Mo-Fr 09:00-17:00; PH off", "2024-04-01 10:00", false, true},
		{"PH off on ascension", "Mo-Fr 09:00-17:00; PH off", "2024-05-09 10:00", false, true},
		{"PH off on whit monday", "Mo-Fr 09:00-17:00; PH off", "2024-05-20 10:00", false, true},
		{"PH off on 8 may", "Mo-Fr 09:00-17:00; PH off", "2024-05-08 10:00", false, true},
		{"PH off ordinary tuesday", "Mo-Fr 09:00-17:00; PH off", "2024-04-02 10:00", true, true},
		{"PH open", "Mo-Fr 09:00-17:00; PH 10:00-12:00", "2024-05-09 11:00", true, true},
		{"PH open afternoon closed", "Mo-Fr 09:00-17:00; PH 10:00-12:00", "2024-05-09 15:00", false, true},
		{"weekday list with PH", "Su,PH 10:00-12:00", "2024-11-11 11:00", true, true},
		{"PH plus one day", "Mo-Fr 09:00-17:00; PH +1 day off", "2024-05-02 10:00", false, true},
		{"odd weeks open", "week 1-53/2 Mo 10:00-12:00", "2024-03-11 11:00", true, true},
		{"odd weeks even week closed", "week 1-53/2 Mo 10:00-12:00", "2024-03-04 11:00", false, true},
		{"week range in", "week 10-20 Mo-Fr 09:00-12:00", "2024-03-11 10:00", true, true},
		{"week range out", "week 10-20 Mo-Fr 09:00-12:00", "2024-06-03 10:00", false, true},
		{"week list", "week 02,11 Mo 09:00-12:00", "2024-03-11 10:00", true, true},
		{"month range in", "Jan-Mar Mo-Fr 09:00-12:00", "2024-03-11 10:00", true, true},
		{"month range out", "Jan-Mar Mo-Fr 09:00-12:00", "2024-04-02 10:00", false, true},
		{"summer closing", "Mo-Fr 09:00-17:00; Jul-Aug off", "2024-08-01 10:00", false, true},
		{"summer closing ends", "Mo-Fr 09:00-17:00; Jul-Aug off", "2024-09-02 10:00", true, true},
		{"month wrap", "Nov-Feb Mo 09:00-12:00", "2024-01-08 10:00", true, true},
		{"christmas eve off", "Mo-Fr 09:00-17:00; Dec 24 off", "2024-12-24 10:00", false, true},
		{"day after christmas eve", "Mo-Fr 09:00-17:00; Dec 24 off", "2024-12-26 10:00", true, true},
		{"date range over new year", "Mo-Fr 09:00-17:00; Dec 24-Jan 01 off", "2024-12-31 10:00", false, true},
		{"date list", "Mo-Fr 09:00-17:00; Dec 24,31 off", "2024-12-31 10:00", false, true},
		{"dated year", "Mo-Fr 09:00-17:00; 2024 Dec 23 off", "2024-12-23 10:00", false, true},
		{"dated year other year", "Mo-Fr 09:00-17:00; 2024 Dec 23 off", "2025-12-23 10:00", true, true},
		{"year range", "2024-2025 Mo 09:00-12:00", "2026-03-09 10:00", false, true},
		{"first monday", "Mo[1] 10:00-12:00", "2024-03-04 11:00", true, true},
		{"first monday not second", "Mo[1] 10:00-12:00", "2024-03-11 11:00", false, true},
		{"last monday", "Mo[-1] 10:00-12:00", "2024-03-25 11:00", true, true},
		{"second and fourth", "Sa[2,4] 09:00-12:00", "2024-03-23 10:00", true, true},
		{"comment keeps open", `Mo 10:00-12:00 "sur rendez-vous"`, "2024-03-11 11:00", true, true},
		{"comment alone is unknown", `"sur rendez-vous"`, "2024-03-11 11:00", false, false},
		{"unknown modifier", "Mo-Fr 09:00-12:00 unknown", "2024-03-11 10:00", false, false},
		{"unknown modifier outside hours", "Mo-Fr 09:00-12:00 unknown", "2024-03-11 15:00", false, true},
		{"open modifier", "Mo-Fr 09:00-12:00 open", "2024-03-11 10:00", true, true},
		{"open end", "Sa 18:00+", "2024-03-16 20:00", false, false},
		{"open end before", "Sa 18:00+", "2024-03-16 17:00", false, true},
		{"off alone", "off", "2024-03-11 10:00", false, true},
		{"fallback applies", `Mo-Fr 09:00-12:00 || "sur rendez-vous"`, "2024-03-16 10:00", false, false},
		{"fallback skipped", `Mo-Fr 09:00-12:00 || "sur rendez-vous"`, "2024-03-11 15:00", false, true},
		{"h separator", "Mo-Fr 9h-12h30,13h30-17h", "2024-03-11 13:45", true, true},
		{"french day names", "lundi-vendredi 9h-12h", "2024-03-15 11:59", true, true},
		{"lower case", "mo-fr 09:00-12:00", "2024-03-11 10:00", true, true},
		{"spaces and trailing semicolon", " Mo - Fr  09:00 - 12:00 ; ", "2024-03-11 10:00", true, true},
		{"space between ranges", "Mo-Fr 09:00-12:00 14:00-17:00", "2024-03-11 15:00", true, true},
		{"colon after days", "Mo-Fr: 09:00-12:00", "2024-03-11 10:00", true, true},
		{"range wraps week", "Fr-Mo 10:00-12:00", "2024-03-10 11:00", true, true},
		{"spring forward day", "Su 01:00-04:00", "2024-03-31 03:30", true, true},
		{"spring forward instant before", "Su 03:00-05:00", "2024-03-31 01:59", false, true},
		{"autumn day", "Su 09:00-12:00", "2024-10-27 10:00", true, true},
		{"zero length range", "Mo 09:00-12:00,14:00-14:00", "2024-03-11 14:00", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.value)
			open, ok := s.IsOpen(at(t, tt.at))
			if open != tt.open || ok != tt.ok {
				t.Errorf("Parse(%q).IsOpen(%s) = %v, %v; want %v, %v", tt.value, tt.at, open, ok, tt.open, tt.ok)
			}
		})
	}
}

func TestIsOpenAnyLocation(t *testing.T) {
	s := mustParse(t, "Mo 09:00-10:00")
	// 08:30 UTC on 11 March 2024 is 09:30 in Paris.
	utc := at(t, "2024-03-11 09:30").UTC()
	if open, ok := s.IsOpen(utc); !open || !ok {
		t.Errorf("IsOpen(%v) = %v, %v; want true, true", utc, open, ok)
	}
}
