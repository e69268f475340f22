package openinghours

import "time"

// day is a calendar day, without time of day or place. Its arithmetic goes
// through time.Time in UTC, where every day lasts 24 hours.
type day struct {
	t time.Time // midnight UTC
}

// dayOf returns the calendar day of t on t's own wall clock.
func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return newDay(y, m, d)
}

// newDay returns the day y-m-d, normalising overflowing values like time.Date.
func newDay(y int, m time.Month, d int) day {
	return day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// add returns the day n days later (earlier when n is negative).
func (d day) add(n int) day { return day{d.t.AddDate(0, 0, n)} }

// weekday returns the day of week, Monday being 0.
func (d day) weekday() int { return mondayIndex(d.t.Weekday()) }

// daysInMonth returns how many days the month of d has.
func (d day) daysInMonth() int {
	return time.Date(d.t.Year(), d.t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// easter returns Easter Sunday of year y in the Gregorian calendar, using
// the anonymous Gregorian computus (Meeus/Jones/Butcher).
func easter(y int) day {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return newDay(y, time.Month(n/31), n%31+1)
}

// isPublicHoliday tells whether d is a public holiday in metropolitan France:
// the eight fixed days plus Easter Monday, Ascension and Whit Monday.
// Alsace-Moselle's Good Friday and 26 December are not counted.
func isPublicHoliday(d day) bool {
	_, m, dd := d.t.Date()
	switch {
	case m == time.January && dd == 1,
		m == time.May && (dd == 1 || dd == 8),
		m == time.July && dd == 14,
		m == time.August && dd == 15,
		m == time.November && (dd == 1 || dd == 11),
		m == time.December && dd == 25:
		return true
	}
	if m < time.March || m > time.June {
		return false
	}
	e := easter(d.t.Year())
	for _, offset := range [...]int{1, 39, 50} {
		if e.add(offset).t.Equal(d.t) {
			return true
		}
	}
	return false
}
