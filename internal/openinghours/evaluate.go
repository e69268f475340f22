package openinghours

import "slices"

// paint is a span of minutes that a rule gives a state on the day it
// selects. Later paints cover earlier ones.
type paint struct {
	start, end int // minutes from the selected day's midnight; end may pass 24:00
	st         state
	comment    string
	// weak marks a whole-day closure written without hours ("Sa off"): it
	// does not cut hours that began the evening before.
	weak bool
}

// segment is a stretch of one wall-clock day with a single state.
type segment struct {
	start, end int // minutes from midnight, within one day
	st         state
	comment    string
}

// paints applies the rules to day d, without the hours spilling from the
// day before.
func (s *Schedule) paints(d day) []paint {
	return applyRules(s.rules, func(r *rule) bool { return r.matches(d) })
}

// applyRules paints the rules that selects accepts, honouring how each rule
// joins the ones before it.
func applyRules(rules []rule, selects func(*rule) bool) []paint {
	var ps []paint
	matched := false
	for i := range rules {
		r := &rules[i]
		if r.sep == sepFallback && matched {
			continue
		}
		if !selects(r) {
			continue
		}
		matched = true
		ps = r.paint(ps)
	}
	return ps
}

// paint adds what r says about a day it selects to the earlier paints ps.
func (r *rule) paint(ps []paint) []paint {
	wholeDayClosure := r.st == stateClosed && r.times == nil
	closesHours := r.st == stateClosed && r.times != nil
	if wholeDayClosure || (r.sep != sepAdditional && !closesHours) {
		ps = ps[:0]
	}
	if wholeDayClosure {
		if r.comment != "" {
			ps = append(ps, paint{start: 0, end: minutesPerDay, st: stateClosed, comment: r.comment, weak: true})
		}
		return ps
	}
	for _, sp := range r.spans() {
		if sp.end > sp.start {
			ps = append(ps, paint{start: sp.start, end: sp.end, st: r.st, comment: r.comment})
		}
		if sp.openEnd && r.st == stateOpen && sp.end < minutesPerDay {
			ps = append(ps, paint{start: sp.end, end: minutesPerDay, st: stateUnknown,
				comment: joinComments(r.comment, "heure de fermeture non précisée")})
		}
	}
	return ps
}

// top returns the last paint covering minute m.
func top(ps []paint, m int) (paint, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].start <= m && m < ps[i].end {
			return ps[i], true
		}
	}
	return paint{}, false
}

// stateAt combines a day's own paints with the hours that spill over from
// the day before, at minute m of the day.
func stateAt(today, yesterday []paint, m int) paint {
	own, ok := top(today, m)
	if ok && !own.weak {
		return own
	}
	if prev, ok := top(yesterday, m+minutesPerDay); ok {
		return prev
	}
	if ok {
		return own
	}
	return paint{st: stateClosed}
}

// timeline cuts one day into segments of equal state and comment.
func timeline(today, yesterday []paint) []segment {
	cuts := []int{0}
	for _, p := range today {
		cuts = append(cuts, p.start, p.end)
	}
	for _, p := range yesterday {
		cuts = append(cuts, p.start-minutesPerDay, p.end-minutesPerDay)
	}
	slices.Sort(cuts)
	var segs []segment
	for i, c := range cuts {
		if c < 0 || c >= minutesPerDay || (i > 0 && c == cuts[i-1]) {
			continue
		}
		p := stateAt(today, yesterday, c)
		if n := len(segs); n > 0 && segs[n-1].st == p.st && segs[n-1].comment == p.comment {
			continue
		}
		segs = append(segs, segment{start: c, st: p.st, comment: p.comment})
	}
	for i := range segs {
		segs[i].end = minutesPerDay
		if i+1 < len(segs) {
			segs[i].end = segs[i+1].start
		}
	}
	return segs
}

// joinComments joins the non-empty comments with " ; ".
func joinComments(cs ...string) string {
	out := ""
	for _, c := range cs {
		switch {
		case c == "":
		case out == "":
			out = c
		default:
			out += " ; " + c
		}
	}
	return out
}
