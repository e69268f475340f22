package appointments

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // so that Europe/Paris loads on machines without zoneinfo
)

// Paris is the time zone of every slot's hours.
var Paris = loadParis()

func loadParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err) // time/tzdata is embedded
	}
	return loc
}

var (
	weekdayNames = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	monthNames   = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// FrenchDay writes t's day in Paris as "mardi 3 mars 2026".
func FrenchDay(t time.Time) string {
	t = t.In(Paris)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", weekdayNames[t.Weekday()], day, monthNames[t.Month()-1], t.Year())
}

// FrenchClock writes t's time in Paris as "9 h 30".
func FrenchClock(t time.Time) string {
	t = t.In(Paris)
	return fmt.Sprintf("%d h %02d", t.Hour(), t.Minute())
}

// FrenchWhen writes t in Paris as "mardi 3 mars 2026 à 9 h 30".
func FrenchWhen(t time.Time) string { return FrenchDay(t) + " à " + FrenchClock(t) }

// parseDay reads a day typed as 31/12/2026 (or 31 12 2026, 2026-12-31).
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2006-01-02", s, Paris); err == nil {
		return t, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ' ' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return time.Time{}, false
	}
	d, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	y, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, Paris)
	if t.Day() != d {
		return time.Time{}, false // 31/02
	}
	return t, true
}

// parseClock reads a time of day typed as 9:00, 9h, 9 h 30 or 09.30 and
// returns minutes after midnight.
func parseClock(s string) (int, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	h, m, found := strings.Cut(strings.NewReplacer(":", "h", ".", "h").Replace(s), "h")
	if !found {
		m = "0"
	}
	if m == "" {
		m = "0"
	}
	hh, e1 := strconv.Atoi(h)
	mm, e2 := strconv.Atoi(m)
	if e1 != nil || e2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) > 2 {
		return 0, false
	}
	return hh*60 + mm, true
}
