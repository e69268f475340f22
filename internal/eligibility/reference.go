package eligibility

import (
	_ "embed"
	"encoding/json"
	"maps"
	"net/url"
	"time"
)

// referenceData is the set of reference households: situations around
// each threshold and each parameter's date, with the answer each default
// rule must give and where that answer comes from.
//
//go:embed reference_households.json
var referenceData []byte

// Household is one reference household.
type Household struct {
	// Name describes the situation in plain French.
	Name string `json:"name"`
	// Date is the day the situation is about, "2026-06-01".
	Date string `json:"date"`
	// Answers change the reference defaults.
	Answers map[string]string `json:"answers"`
	// Expected is the answer each cited rule must give: true, false or
	// null.
	Expected map[string]*bool `json:"expected"`
}

// referenceFile is the layout of reference_households.json.
type referenceFile struct {
	Defaults   map[string]string `json:"defaults"`
	Sources    map[string]string `json:"sources"`
	Households []Household       `json:"households"`
}

// readReference reads the embedded reference households.
func readReference() (referenceFile, error) {
	var ref referenceFile
	err := json.Unmarshal(referenceData, &ref)
	return ref, err
}

// Change is a reference household whose answer a rule change moves.
type Change struct {
	Household     string
	Before, After *bool
}

// Changes returns, in the file's order, the reference households whose
// answer differs between two versions of a rule, each evaluated on its
// own date. A rule that does not compile answers nil, as when it is
// published.
func (e *Engine) Changes(before, after RuleSpec) ([]Change, error) {
	ref, err := readReference()
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, h := range ref.Households {
		day, err := time.Parse(DateLayout, h.Date)
		if err != nil {
			return nil, err
		}
		fields := maps.Clone(ref.Defaults)
		maps.Copy(fields, h.Answers)
		a, _ := ParseAnswers(formOf(fields))
		was := e.Evaluate(map[string]RuleSpec{"r": before}, a, day)[0].Eligible
		now := e.Evaluate(map[string]RuleSpec{"r": after}, a, day)[0].Eligible
		if (was == nil) != (now == nil) || (was != nil && *was != *now) {
			out = append(out, Change{Household: h.Name, Before: was, After: now})
		}
	}
	return out, nil
}

// formOf writes answers as form values.
func formOf(fields map[string]string) url.Values {
	form := url.Values{}
	for k, v := range fields {
		form.Set(k, v)
	}
	return form
}
