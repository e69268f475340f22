package eligibility

import (
	"encoding/json"
	"maps"
	"os"
	"testing"
	"time"
)

// referenceFile is the set of reference households of testdata.
type referenceFile struct {
	Defaults   map[string]string `json:"defaults"`
	Sources    map[string]string `json:"sources"`
	Households []struct {
		Name     string            `json:"name"`
		Date     string            `json:"date"`
		Answers  map[string]string `json:"answers"`
		Expected map[string]*bool  `json:"expected"`
	} `json:"households"`
}

// TestReferenceHouseholds fails when a default rule disagrees with a
// reference household of testdata/households.json.
func TestReferenceHouseholds(t *testing.T) {
	data, err := os.ReadFile("testdata/households.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref referenceFile
	if err := json.Unmarshal(data, &ref); err != nil {
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
