package eligibility

import (
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestDefaultRulesWriteNoThreshold fails when a default rule writes a
// threshold as a number: thresholds are dated parameters. Small whole
// numbers that count people or children stay.
func TestDefaultRulesWriteNoThreshold(t *testing.T) {
	number := regexp.MustCompile(`\b\d+(\.\d+)?\b`)
	for slug, spec := range DefaultRules() {
		for _, lit := range number.FindAllString(spec.Expr, -1) {
			if f, _ := strconv.ParseFloat(lit, 64); f > 4 || f != float64(int(f)) {
				t.Errorf("%s writes %s: make it a dated parameter", slug, lit)
			}
		}
	}
}

// TestParamsAreReviewed fails when a periodically revalued parameter has
// passed its review date without a newer value, and when a parameter has
// no source or values out of order.
func TestParamsAreReviewed(t *testing.T) {
	today := time.Now().UTC().Format(DateLayout)
	for name, p := range DefaultParams() {
		if len(p.Values) == 0 {
			t.Errorf("%s has no value", name)
			continue
		}
		for i, v := range p.Values {
			if _, err := time.Parse(DateLayout, v.From); err != nil {
				t.Errorf("%s: date %q: %v", name, v.From, err)
			}
			if v.Source == "" {
				t.Errorf("%s from %s has no source", name, v.From)
			}
			if i > 0 && v.From <= p.Values[i-1].From {
				t.Errorf("%s: values out of order at %s", name, v.From)
			}
		}
		if p.Revalued && p.ReviewBy == "" {
			t.Errorf("%s is revalued but has no review date", name)
		}
		if p.ReviewBy != "" && today > p.ReviewBy {
			t.Errorf("%s: review date %s passed; write its newer value with its source, then move the date",
				name, p.ReviewBy)
		}
	}
}

func TestParamAt(t *testing.T) {
	p := DefaultParams()["rsa_montant_forfaitaire"]
	for day, want := range map[string]float64{"2025-04-01": 646.52, "2026-03-31": 646.52, "2026-04-01": 651.69} {
		d, _ := time.Parse(DateLayout, day)
		if v, ok := p.At(d); !ok || v.Value != want {
			t.Errorf("At(%s) = %v, want %v", day, v.Value, want)
		}
	}
	if _, ok := p.At(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("At before the first value found one")
	}
}

func TestEvaluate(t *testing.T) {
	e := mustEngine(t)
	rules := DefaultRules()
	// Only the age: the RSA cannot tell; family allowances cannot either.
	a := mustAnswers(t, map[string]string{"age": "40"})
	for _, o := range e.Evaluate(rules, a, june2026) {
		if o.Slug == "rsa" {
			if o.Eligible != nil {
				t.Errorf("rsa with only the age = %v, want nil", *o.Eligible)
			}
			if o.ParametersDate != "2026-04-01" {
				t.Errorf("rsa parameters date %q, want 2026-04-01", o.ParametersDate)
			}
			if len(o.Unchecked) == 0 || o.Link == "" || o.Renewal == "" {
				t.Errorf("rsa outcome lacks what it could not check, its link or its renewal: %+v", o)
			}
		}
	}
	// A stale parameter: the rule answers neither yes nor no.
	full := mustAnswers(t, situation(map[string]string{"age": "40", "activite": "chomage"}))
	late := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, o := range e.Evaluate(rules, full, late) {
		if o.Slug == "aspa" && (o.Eligible != nil || len(o.Stale) == 0) {
			t.Errorf("aspa after its review date = %+v, want no answer and stale parameters", o)
		}
	}
	for _, o := range e.Evaluate(rules, full, june2026) {
		if o.Eligible == nil {
			t.Errorf("%s with every answer in June 2026 gave no answer: %v", o.Slug, o.Reasons)
		}
	}
}
