package openinghours

import (
	"fmt"
	"strings"
)

// String returns the schedule in canonical opening_hours syntax, whatever
// the spelling it was read from: "lundi-vendredi 9h-12h ;" becomes
// "Mo-Fr 09:00-12:00". Parse reads it back to the same schedule.
func (s *Schedule) String() string {
	var b strings.Builder
	for i := range s.rules {
		r := &s.rules[i]
		if i > 0 {
			switch r.sep {
			case sepAdditional:
				b.WriteString(", ")
			case sepFallback:
				b.WriteString(" || ")
			default:
				b.WriteString("; ")
			}
		}
		b.WriteString(r.String())
		if i+1 < len(s.rules) && s.rules[i+1].sep == sepAdditional && r.wouldContinueInto(&s.rules[i+1]) {
			// "Dec, Dec 25" would read back as one rule listing both: the
			// state keyword, implied here, ends the rule.
			b.WriteString(" " + stateKeyword(r.st))
		}
	}
	return b.String()
}

// Kinds of selector, in the order a rule writes them.
const (
	noSelector = iota
	alwaysSelector
	yearSelector
	dateSelector
	weekSelector
	daySelector
	timeSelector
)

// wouldContinueInto tells whether next, written after r and ", ", could
// read as more of r's last list: r ends with a selector (no state, no
// comment) of the kind next starts with. Years and dates count as one kind:
// "2024 Dec" is a date.
func (r *rule) wouldContinueInto(next *rule) bool {
	if r.explicit || r.comment != "" {
		return false
	}
	last, first := r.lastSelector(), next.firstSelector()
	if last == noSelector || first == noSelector {
		return false
	}
	datelike := func(k int) bool { return k == yearSelector || k == dateSelector }
	return last == first || datelike(last) && datelike(first)
}

// selectors lists the kinds of selector r writes, in order.
func (r *rule) selectors() []int {
	var ks []int
	for _, k := range []struct {
		kind int
		set  bool
	}{{alwaysSelector, r.always}, {yearSelector, len(r.years) > 0}, {dateSelector, len(r.dates) > 0},
		{weekSelector, len(r.weeks) > 0}, {daySelector, r.days != nil}, {timeSelector, len(r.times) > 0}} {
		if k.set {
			ks = append(ks, k.kind)
		}
	}
	return ks
}

func (r *rule) firstSelector() int {
	if ks := r.selectors(); len(ks) > 0 {
		return ks[0]
	}
	return noSelector
}

func (r *rule) lastSelector() int {
	if ks := r.selectors(); len(ks) > 0 {
		return ks[len(ks)-1]
	}
	return noSelector
}

// String writes one rule in canonical syntax.
func (r *rule) String() string {
	var parts []string
	if r.always {
		parts = append(parts, "24/7")
	}
	if len(r.years) > 0 {
		years := joinFormatted(r.years, formatYears)
		if first := r.years[0]; len(r.dates) > 0 && first.from == first.to && first.step <= 1 {
			// "2024 Jan" would read as a dated month, so the year is written as
			// a range of one (a stepped one already is: "2024-2024/2").
			years = fmt.Sprintf("%d-%s", r.years[0].from, years)
		}
		parts = append(parts, years)
	}
	if len(r.dates) > 0 {
		parts = append(parts, joinFormatted(r.dates, formatDateRange))
	}
	if len(r.weeks) > 0 {
		parts = append(parts, "week "+joinFormatted(r.weeks, formatWeeks))
	}
	if r.days != nil {
		parts = append(parts, r.days.String())
	}
	if len(r.times) > 0 {
		parts = append(parts, joinFormatted(r.times, formatSpan))
	}
	if r.explicit {
		parts = append(parts, stateKeyword(r.st))
	}
	if r.comment != "" {
		parts = append(parts, quote(r.comment))
	}
	return strings.Join(parts, " ")
}

func stateKeyword(st state) string {
	switch st {
	case stateOpen:
		return "open"
	case stateUnknown:
		return "unknown"
	}
	return "off"
}

func joinFormatted[T any](xs []T, f func(T) string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = f(x)
	}
	return strings.Join(parts, ",")
}

func formatYears(y yearRange) string {
	s := fmt.Sprint(y.from)
	// A step needs the end of the range, even a range of one year, to read back.
	if y.to != y.from || y.step > 1 {
		s += fmt.Sprintf("-%d", y.to)
	}
	if y.step > 1 {
		s += fmt.Sprintf("/%d", y.step)
	}
	return s
}

func formatWeeks(w weekRange) string {
	s := fmt.Sprintf("%02d", w.from)
	if w.to != w.from || w.step > 1 {
		s += fmt.Sprintf("-%02d", w.to)
	}
	if w.step > 1 {
		s += fmt.Sprintf("/%d", w.step)
	}
	return s
}

func formatDate(d date) string {
	s := osmMonths[d.month]
	if d.year != 0 {
		s = fmt.Sprintf("%d %s", d.year, s)
	}
	if d.day != 0 {
		s += fmt.Sprintf(" %02d", d.day)
	}
	return s
}

func formatDateRange(x dateRange) string {
	from, to := x.from, x.to
	switch {
	case from == to:
		return formatDate(from)
	case from.day != 0 && to.day != 0 && to.month == from.month && to.year == from.year && to.day > from.day:
		return fmt.Sprintf("%s-%02d", formatDate(from), to.day)
	}
	return formatDate(from) + "-" + formatDate(to)
}

func formatSpan(sp timeSpan) string {
	if sp.openEnd && sp.end == sp.start {
		return clock(sp.start) + "+"
	}
	end := sp.end
	if end > minutesPerDay && end-minutesPerDay < sp.start {
		// "22:00-02:00" reads better than "22:00-26:00" and parses the same.
		end -= minutesPerDay
	}
	s := clock(sp.start) + "-" + clock(end)
	if sp.openEnd {
		s += "+"
	}
	return s
}

// String writes the selector: plain days, then nth days, then holidays.
func (s *weekdaySelector) String() string {
	var parts []string
	if s.mask != 0 {
		parts = append(parts, weekdayList(s.mask))
	}
	for _, n := range s.nth {
		parts = append(parts, osmWeekdays[n.weekday]+"["+formatNth(n.which)+"]")
	}
	for _, h := range s.holidays {
		p := "PH"
		if h.school {
			p = "SH"
		}
		switch {
		case h.offset == 1 || h.offset == -1:
			p += fmt.Sprintf(" %+d day", h.offset)
		case h.offset != 0:
			p += fmt.Sprintf(" %+d days", h.offset)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ",")
}

func formatNth(which uint16) string {
	var parts []string
	for i := range 5 {
		if which&(1<<i) != 0 {
			parts = append(parts, fmt.Sprint(i+1))
		}
	}
	for i := range 5 {
		if which&(1<<(5+i)) != 0 {
			parts = append(parts, fmt.Sprint(-(i + 1)))
		}
	}
	return strings.Join(parts, ",")
}

// quote writes a comment between the quotes it does not contain.
func quote(c string) string {
	switch {
	case !strings.Contains(c, `"`):
		return `"` + c + `"`
	case !strings.Contains(c, "»"):
		return "«" + c + "»"
	case !strings.Contains(c, "”"):
		return "“" + c + "”"
	}
	return `"` + strings.ReplaceAll(c, `"`, "'") + `"`
}
