package eligibility

import (
	"maps"
	"strings"
	"testing"
	"time"
)

// TestReferenceHouseholds fails when a default rule disagrees with a
// reference household of reference_households.json.
func TestReferenceHouseholds(t *testing.T) {
	ref, err := readReference()
	if err != nil {
		t.Fatal(err)
	}
	if len(ref.Households) < 30 {
		t.Errorf("%d reference households, want at least 30", len(ref.Households))
	}
	e := mustEngine(t)
	rules := DefaultRules()
	for slug := range rules {
		if ref.Sources[slug] == "" {
			t.Errorf("no source for the expectations of %s", slug)
		}
	}
	for _, h := range ref.Households {
		t.Run(h.Name, func(t *testing.T) {
			day, err := time.Parse(DateLayout, h.Date)
			if err != nil {
				t.Fatal(err)
			}
			fields := maps.Clone(ref.Defaults)
			maps.Copy(fields, h.Answers)
			a := mustAnswers(t, fields)
			got := map[string]*bool{}
			for _, o := range e.Evaluate(rules, a, day) {
				got[o.Slug] = o.Eligible
			}
			for slug, want := range h.Expected {
				g, ok := got[slug]
				switch {
				case !ok:
					t.Errorf("%s: no such rule", slug)
				case (g == nil) != (want == nil) || (g != nil && *g != *want):
					t.Errorf("%s = %s, want %s (%s)", slug, tri(g), tri(want), ref.Sources[slug])
				}
			}
		})
	}
}

// tri writes a yes, no or unknown answer.
func tri(b *bool) string {
	switch {
	case b == nil:
		return "null"
	case *b:
		return "true"
	}
	return "false"
}

func TestChanges(t *testing.T) {
	e := mustEngine(t)
	rsa := DefaultRules()["rsa"]
	old := rsa
	old.Expr = strings.ReplaceAll(old.Expr, "rsa_montant_forfaitaire", "646.0")
	changes, err := e.Changes(rsa, old)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) == 0 {
		t.Fatal("going back to 646 € changes no reference household")
	}
	for _, c := range changes {
		if c.Before == nil || c.After == nil || !*c.Before || *c.After {
			t.Errorf("%s: %s to %s, want true to false", c.Household, tri(c.Before), tri(c.After))
		}
	}
	if same, _ := e.Changes(rsa, rsa); len(same) != 0 {
		t.Errorf("the same rule changes %d households", len(same))
	}
}
