package appointments

import (
	"context"
	"testing"
	"time"
)

func TestSeriesKeepsParisHoursAcrossSummerTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Summer time starts on Sunday 29 March 2026: 9:00 in Paris is 8:00 UTC
	// on the Tuesday before and 7:00 UTC on the Tuesday after.
	if _, err := f.svc.CreateSeries(context.Background(), Series{OrgID: f.org.ID, Mode: string(Video),
		VideoURL: "https://visio.exemple.fr/a", From: "24/3/2026", To: "31/3/2026", Weekdays: []string{"2"},
		Start: "9 h", End: "9 h 30", Minutes: 30, Capacity: 1}); err != nil {
		t.Fatal(err)
	}
	slots, err := f.svc.SlotsOfStructure(context.Background(), f.org.ID, f.clock.Now(), f.clock.Now().Add(60*24*time.Hour))
	if err != nil || len(slots) != 2 {
		t.Fatalf("%d slots, %v", len(slots), err)
	}
	if a, b := slots[0].StartsAt.Format("15:04"), slots[1].StartsAt.Format("15:04"); a != "08:00" || b != "07:00" {
		t.Errorf("UTC starts %s and %s, want 08:00 and 07:00", a, b)
	}
	if got := FrenchWhen(slots[1].StartsAt); got != "mardi 31 mars 2026 à 9 h 00" {
		t.Errorf("FrenchWhen = %q", got)
	}
}

func TestParseClockAndDay(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"9:00": 540, "9h": 540, "9 h 30": 570, "09.30": 570, "14H05": 845, "0:00": 0} {
		if got, ok := parseClock(in); !ok || got != want {
			t.Errorf("parseClock(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "25:00", "9:60", "9h305", "midi", "-1:00"} {
		if _, ok := parseClock(in); ok {
			t.Errorf("parseClock(%q) accepted", in)
		}
	}
	for _, in := range []string{"3/3/2026", "03/03/2026", "3 3 2026", "2026-03-03"} {
		if d, ok := parseDay(in); !ok || d.Format("2006-01-02") != "2026-03-03" {
			t.Errorf("parseDay(%q) = %v, %v", in, d, ok)
		}
	}
	for _, in := range []string{"31/2/2026", "3/13/2026", "3/3", "hier"} {
		if _, ok := parseDay(in); ok {
			t.Errorf("parseDay(%q) accepted", in)
		}
	}
}
