package openinghours

import (
	"errors"
	"time"
	_ "time/tzdata" // so that Europe/Paris loads on machines without zoneinfo
)

// Schedule is a parsed opening_hours value. It is immutable and safe for
// concurrent use.
type Schedule struct {
	rules []rule
	loc   *time.Location
}

// paris is the time zone every schedule is evaluated in. It is set once when
// the package loads and never changed.
var paris = loadParis()

// loadParis loads Europe/Paris; the embedded tzdata makes failure unlikely,
// and central European time without summer time is the least wrong fallback.
func loadParis() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// ErrEmpty is returned by Parse for a value with no rule at all.
var ErrEmpty = errors.New("horaires vides")

// maxLength bounds the values Parse reads; real values are a few hundred
// bytes long.
const maxLength = 4096

// Parse reads an opening_hours value; a value it cannot read returns an error
// (a *SyntaxError or ErrEmpty) and never panics.
func Parse(s string) (*Schedule, error) {
	if len(s) > maxLength {
		return nil, &SyntaxError{Pos: maxLength, Msg: "texte trop long"}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := parser{toks: toks}
	rules, err := p.parseSchedule()
	if err != nil {
		return nil, err
	}
	if len(rules) == 0 {
		return nil, ErrEmpty
	}
	return &Schedule{rules: rules, loc: paris}, nil
}

// at returns the state and comment of the schedule at instant t.
func (s *Schedule) at(t time.Time) paint {
	lt := t.In(s.loc)
	d := dayOf(lt)
	return stateAt(s.paints(d), s.paints(d.add(-1)), lt.Hour()*60+lt.Minute())
}

// IsOpen tells whether the place is open at t; ok is false when the rules
// cannot tell (unknown modifier, comment without hours, open end).
func (s *Schedule) IsOpen(t time.Time) (open bool, ok bool) {
	p := s.at(t)
	return p.st == stateOpen, p.st != stateUnknown
}

// changeHorizon is how far NextChange looks ahead.
const changeHorizon = 8 * 24 * time.Hour

// NextChange returns the next instant after t when the state changes, within
// 8 days; ok is false if none.
func (s *Schedule) NextChange(t time.Time) (time.Time, bool) {
	cur := s.at(t).st
	at, _, ok := s.next(t, changeHorizon, func(st state) bool { return st != cur })
	return at, ok
}

// next returns the first instant after t, and no later than t+horizon, where
// a segment starts whose state want accepts, with that segment.
func (s *Schedule) next(t time.Time, horizon time.Duration, want func(state) bool) (time.Time, segment, bool) {
	lt := t.In(s.loc)
	limit := t.Add(horizon)
	d := dayOf(lt)
	yesterday := s.paints(d.add(-1))
	for k := 0; ; k++ {
		dk := d.add(k)
		today := s.paints(dk)
		for _, seg := range timeline(today, yesterday) {
			at := wallTime(dk, seg.start, s.loc)
			if at.After(limit) {
				return time.Time{}, segment{}, false
			}
			if at.After(t) && want(seg.st) {
				return at, seg, true
			}
		}
		yesterday = today
	}
}

// wallTime returns the instant of minute m of day d on loc's wall clock. A
// minute skipped by the spring change of time maps to one hour later.
func wallTime(d day, m int, loc *time.Location) time.Time {
	y, mo, dd := d.t.Date()
	return time.Date(y, mo, dd, 0, m, 0, 0, loc)
}
