package openinghours

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fuzzInstants are moments every fuzzed schedule is evaluated at: an
// ordinary Monday, both changes of time, a public holiday, New Year's Eve.
var fuzzInstants = []time.Time{
	time.Date(2024, time.March, 11, 10, 0, 0, 0, paris),
	time.Date(2024, time.March, 31, 2, 30, 0, 0, paris),
	time.Date(2024, time.October, 27, 2, 30, 0, 0, paris),
	time.Date(2024, time.May, 9, 23, 59, 0, 0, paris),
	time.Date(2024, time.December, 31, 23, 30, 0, 0, paris),
}

// ruleComparer compares parsed rules field by field, but for whether their
// state was written: String writes an implied "open" where the next rule
// could otherwise read as more of this one ("Dec open, Dec 25").
var ruleComparer = cmp.Options{cmp.AllowUnexported(rule{}, yearRange{}, weekRange{}, dateRange{}, date{},
	weekdaySelector{}, nthWeekday{}, holiday{}, timeSpan{}),
	cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".explicit" }, cmp.Ignore())}

func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, value string) {
		s, err := Parse(value)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("Parse(%q) error %T; want *SyntaxError or ErrEmpty", value, err)
			}
			return
		}
		for _, now := range fuzzInstants {
			s.IsOpen(now)
			if s.Status(now) == "" {
				t.Errorf("Parse(%q).Status(%v) is empty", value, now)
			}
			if next, ok := s.NextChange(now); ok && (!next.After(now) || next.Sub(now) > changeHorizon) {
				t.Errorf("Parse(%q).NextChange(%v) = %v, outside the next 8 days", value, now, next)
			}
		}
		if len(s.Week()) != 7 {
			t.Errorf("Parse(%q).Week() does not have 7 days", value)
		}
		s.Notes()
		canonical := s.String()
		again, err := Parse(canonical)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q, which Parse refuses: %v", value, canonical, err)
		}
		if again.String() != canonical {
			t.Errorf("String is not stable: %q then %q", canonical, again.String())
		}
		if !strings.ContainsAny(value, `"”»`) && !cmp.Equal(s.rules, again.rules, ruleComparer) {
			t.Errorf("Parse(%q) and Parse(%q) differ", value, canonical)
		}
	})
}

func FuzzFromWeekdayText(f *testing.F) {
	f.Add("09:00 - 12:00 / 13:30 - 17:00", "09:00-12:00", "", "-", "Fermé", "9h-12h et 14h-17h30", "")
	f.Add("08 :00-13:00/13 :30-17:00", "09:00-12:30-13:30-17:00", "00:00 - 00:00", "07:30:12:30",
		"09:30-12:30/\n\n 13:30-18:00", "09:00-12:00 14:00-16:30", "10:00 – 12:00")
	f.Fuzz(func(t *testing.T, mo, tu, we, th, fr, sa, su string) {
		days := [7]string{mo, tu, we, th, fr, sa, su}
		value, err := FromWeekdayText(days)
		if err != nil {
			var de *DayTextError
			if !errors.As(err, &de) || de.Day < 0 || de.Day > 6 || de.Text != days[de.Day] {
				t.Fatalf("FromWeekdayText(%q) error %v does not name the day", days, err)
			}
			return
		}
		if value == "" {
			return
		}
		if _, err := Parse(value); err != nil {
			t.Fatalf("FromWeekdayText(%q) = %q, which Parse refuses: %v", days, value, err)
		}
	})
}
