package openinghours

// state is what a rule says about a moment: closed, open, or unknown.
type state uint8

const (
	stateClosed state = iota
	stateOpen
	stateUnknown
)

// separator is how a rule joins the rules before it.
type separator uint8

const (
	// sepNormal (";") replaces earlier rules for the days the rule names.
	sepNormal separator = iota
	// sepAdditional (",") adds to earlier rules.
	sepAdditional
	// sepFallback ("||") applies only to days no earlier rule named.
	sepFallback
)

// minutesPerDay is the length of a wall-clock day in minutes.
const minutesPerDay = 24 * 60

// rule is one rule of an opening_hours value: selectors that pick days,
// hours within those days, and what the rule says about them.
type rule struct {
	sep      separator
	always   bool // "24/7"
	years    []yearRange
	dates    []dateRange
	weeks    []weekRange
	days     *weekdaySelector // nil selects every day
	times    []timeSpan       // nil selects the whole day
	st       state
	explicit bool // the state was written (open, off, unknown…)
	comment  string
}

// yearRange selects years from..to, one every step.
type yearRange struct{ from, to, step int }

// weekRange selects ISO 8601 weeks from..to, one every step.
type weekRange struct{ from, to, step int }

// date is a point of a month-day range. Year 0 means every year; day 0 means
// the start of the month in a "from" date and its end in a "to" date.
type date struct{ year, month, day int }

// dateRange selects the days from..to, both included; it may wrap over the
// new year when no year is given ("Dec 24-Jan 02").
type dateRange struct{ from, to date }

// weekdaySelector selects days by weekday, by nth weekday of the month, or
// by holiday; a day matches when any part matches.
type weekdaySelector struct {
	mask     uint8 // bit i set: weekday i (Monday 0) is selected
	nth      []nthWeekday
	holidays []holiday
}

// nthWeekday selects some occurrences of a weekday within its month:
// bit i of which (0-4) is the (i+1)th, bit 5+i is the (i+1)th from the end.
type nthWeekday struct {
	weekday int
	which   uint16
}

// holiday selects public holidays ("PH") or school holidays ("SH"), moved by
// offset days ("PH +1 day").
type holiday struct {
	school bool
	offset int
}

// timeSpan is a range of minutes from the start of the selected day; end may
// pass 24:00 when the place closes after midnight. openEnd marks a closing
// time that is not known ("18:00+").
type timeSpan struct {
	start, end int
	openEnd    bool
}

// matches tells whether the rule selects day d.
func (r *rule) matches(d day) bool {
	if r.always {
		return true
	}
	if len(r.years) > 0 && !matchAny(r.years, func(y yearRange) bool { return y.matches(d) }) {
		return false
	}
	if len(r.dates) > 0 && !matchAny(r.dates, func(x dateRange) bool { return x.matches(d) }) {
		return false
	}
	if len(r.weeks) > 0 && !matchAny(r.weeks, func(w weekRange) bool { return w.matches(d) }) {
		return false
	}
	return r.days == nil || r.days.matches(d)
}

// conditional tells whether the rule depends on more than the day of week,
// so that it does not describe a regular week.
func (r *rule) conditional() bool {
	return len(r.years) > 0 || len(r.dates) > 0 || len(r.weeks) > 0 ||
		(r.days != nil && (len(r.nth()) > 0 || len(r.days.holidays) > 0))
}

// nth returns the nth-weekday parts of the rule's weekday selector.
func (r *rule) nth() []nthWeekday {
	if r.days == nil {
		return nil
	}
	return r.days.nth
}

// spans returns the minutes the rule covers on a selected day.
func (r *rule) spans() []timeSpan {
	if r.times == nil {
		return []timeSpan{{start: 0, end: minutesPerDay}}
	}
	return r.times
}

func matchAny[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}

func (y yearRange) matches(d day) bool {
	return inStepRange(d.t.Year(), y.from, y.to, y.step)
}

func (w weekRange) matches(d day) bool {
	_, week := d.t.ISOWeek()
	if w.from <= w.to {
		return inStepRange(week, w.from, w.to, w.step)
	}
	// A wrapping range such as "week 50-05" counts its step from the start.
	if week < w.from && week > w.to {
		return false
	}
	return ((week-w.from+53)%53)%w.step == 0
}

// inStepRange tells whether from <= v <= to and v is a whole number of steps
// after from.
func inStepRange(v, from, to, step int) bool {
	return v >= from && v <= to && (v-from)%step == 0
}

func (x dateRange) matches(d day) bool {
	y, m, dd := d.t.Date()
	if x.from.year == 0 {
		v := int(m)*32 + dd
		from := x.from.month*32 + x.from.day
		to := x.to.month*32 + endDay(x.to.day)
		if from <= to {
			return v >= from && v <= to
		}
		return v >= from || v <= to
	}
	v := y*512 + int(m)*32 + dd
	from := x.from.year*512 + x.from.month*32 + x.from.day
	toYear := x.to.year
	if toYear == 0 {
		toYear = x.from.year
		if x.to.month*32+endDay(x.to.day) < x.from.month*32+x.from.day {
			toYear++
		}
	}
	to := toYear*512 + x.to.month*32 + endDay(x.to.day)
	return v >= from && v <= to
}

// endDay reads day 0 of a "to" date as the end of its month.
func endDay(d int) int {
	if d == 0 {
		return 31
	}
	return d
}

func (s *weekdaySelector) matches(d day) bool {
	wd := d.weekday()
	if s.mask&(1<<wd) != 0 {
		return true
	}
	for _, n := range s.nth {
		if n.matches(d, wd) {
			return true
		}
	}
	for _, h := range s.holidays {
		// School holidays are not known here, so "SH" never matches.
		if !h.school && isPublicHoliday(d.add(-h.offset)) {
			return true
		}
	}
	return false
}

func (n nthWeekday) matches(d day, wd int) bool {
	if wd != n.weekday {
		return false
	}
	dom := d.t.Day()
	fromStart := (dom - 1) / 7
	fromEnd := (d.daysInMonth() - dom) / 7
	return n.which&(1<<fromStart) != 0 || n.which&(1<<(5+fromEnd)) != 0
}
