package eligibility

import (
	"slices"
	"time"
)

// DateLayout is how parameter dates are written: "2026-04-01".
const DateLayout = "2006-01-02"

// Param is a threshold of the rules: an amount, an age, a rate. Rules
// name it as a variable and never write its value, so that a new value
// is written once, with its date and its source, and a result uses the
// value in force on the date it is about.
type Param struct {
	// Name is how rules write it, such as "rsa_montant_forfaitaire".
	Name string
	// Description says what it is, in plain French.
	Description string
	// Unit is "€ par mois", "€ par an", "ans", "taux" or "enfants".
	Unit string
	// Values are the successive values, oldest first.
	Values []DatedValue
	// Revalued is true for a parameter changed periodically by decree
	// (each April, each January): its newest value must then be replaced
	// before ReviewBy.
	Revalued bool
	// ReviewBy is the date by which a newer value is expected, or the
	// newest value checked again against its source. Past it, the
	// parameter is out of date (Stale) and the rules that use it answer
	// neither yes nor no.
	ReviewBy string
}

// DatedValue is the value of a parameter from a date on.
type DatedValue struct {
	// From is the first day the value applies, "2026-04-01".
	From string
	// Value is the number itself.
	Value float64
	// Source says where the value comes from: the text that sets it, or
	// how Guichet chose it when it is an order of magnitude.
	Source string
}

// At returns the value in force on the given day and the date it applies
// from; false when the day is before the first value.
func (p Param) At(day time.Time) (DatedValue, bool) {
	key := day.Format(DateLayout)
	for i := len(p.Values) - 1; i >= 0; i-- {
		if p.Values[i].From <= key {
			return p.Values[i], true
		}
	}
	return DatedValue{}, false
}

// Stale reports whether the day is past the parameter's review date.
func (p Param) Stale(day time.Time) bool {
	return p.ReviewBy != "" && day.Format(DateLayout) > p.ReviewBy
}

// Params is the set of parameters rules can use, by name.
type Params map[string]Param

// Names returns the parameter names in order.
func (ps Params) Names() []string {
	names := make([]string, 0, len(ps))
	for n := range ps {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// values returns the value of every parameter on the given day, the newest
// date among them, and the names of the parameters that are out of date or
// have no value yet on that day.
func (ps Params) values(day time.Time) (map[string]any, map[string]string, []string) {
	vars := make(map[string]any, len(ps))
	from := make(map[string]string, len(ps))
	var stale []string
	for name, p := range ps {
		v, ok := p.At(day)
		if !ok || p.Stale(day) {
			stale = append(stale, name)
			if !ok {
				continue
			}
		}
		vars[name] = v.Value
		from[name] = v.From
	}
	slices.Sort(stale)
	return vars, from, stale
}
