package openinghours

import (
	"slices"
	"strings"
)

// Day is one day of the regular week, ready for a table.
type Day struct {
	// Name is the French day name, "lundi" … "dimanche".
	Name string
	// Ranges are the opening hours in French, "9 h – 12 h" or "22 h – 2 h";
	// hours that need confirming end with " (à confirmer)".
	Ranges []string
	// Closed is true when the day has no hours at all, not even some weeks.
	Closed bool
	// Comment gathers the rules' comments ("sur rendez-vous") and the hours
	// kept for some weeks only ("le 1er lundi du mois : 10 h – 12 h").
	Comment string
}

// Week returns the regular week, Monday first, for display as a table: the
// rules that name no dates, weeks or holidays. Those that do are summed up
// in the day's Comment when they open that day, and in Notes.
func (s *Schedule) Week() []Day {
	week := make([]Day, 7)
	for wd := range week {
		ps := applyRules(s.rules, func(r *rule) bool { return r.regularOn(wd) })
		d := Day{Name: frenchWeekdays[wd]}
		var comments []string
		for _, seg := range flatten(ps) {
			switch {
			case seg.st == stateOpen:
				d.Ranges = append(d.Ranges, rangeText(seg))
			case seg.st == stateUnknown && !(seg.start == 0 && seg.end >= minutesPerDay):
				d.Ranges = append(d.Ranges, rangeText(seg)+" (à confirmer)")
			case seg.st == stateUnknown:
				comments = appendNew(comments, "horaires à confirmer")
			}
			comments = appendNew(comments, seg.comment)
		}
		someWeeks := false
		for i := range s.rules {
			if text := s.rules[i].someWeeksText(wd); text != "" {
				comments = appendNew(comments, text)
				someWeeks = true
			}
		}
		d.Closed = len(d.Ranges) == 0 && !someWeeks && !slices.Contains(comments, "horaires à confirmer")
		d.Comment = strings.Join(comments, " ; ")
		week[wd] = d
	}
	return week
}

// regularOn tells whether the rule belongs to the regular week on weekday wd.
func (r *rule) regularOn(wd int) bool {
	if len(r.years) > 0 || len(r.dates) > 0 || len(r.weeks) > 0 {
		return false
	}
	return r.always || r.days == nil || r.days.mask&(1<<wd) != 0
}

// someWeeksText describes a conditional rule that opens on weekday wd, such
// as "les semaines impaires : 10 h – 12 h", or returns "".
func (r *rule) someWeeksText(wd int) string {
	if !r.conditional() || r.st == stateClosed {
		return ""
	}
	onDay := r.days == nil
	if r.days != nil {
		hasWide := len(r.years) > 0 || len(r.dates) > 0 || len(r.weeks) > 0
		onDay = hasWide && r.days.mask&(1<<wd) != 0
		for _, n := range r.days.nth {
			onDay = onDay || n.weekday == wd
		}
	}
	if !onDay {
		return ""
	}
	text := r.conditionText(wd)
	if h := r.hoursText(); h != "" {
		text += " : " + h
	}
	return text
}

// flatten cuts one day's own paints, past midnight included, into segments.
func flatten(ps []paint) []segment {
	var cuts []int
	for _, p := range ps {
		cuts = append(cuts, p.start, p.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		p, ok := top(ps, cuts[i])
		if !ok {
			continue
		}
		if n := len(segs); n > 0 && segs[n-1].end == cuts[i] && segs[n-1].st == p.st && segs[n-1].comment == p.comment {
			segs[n-1].end = cuts[i+1]
			continue
		}
		segs = append(segs, segment{start: cuts[i], end: cuts[i+1], st: p.st, comment: p.comment})
	}
	return segs
}

// rangeText writes a segment as "9 h – 12 h", or "24 h sur 24" for a whole day.
func rangeText(seg segment) string {
	if seg.start == 0 && seg.end >= minutesPerDay {
		return "24 h sur 24"
	}
	return frenchRange(seg.start, seg.end)
}

// appendNew appends s unless it is empty or already there.
func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
