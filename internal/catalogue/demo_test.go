package catalogue

import (
	"context"
	"encoding/json"
	"io/fs"
	"testing"

	"guichet/internal/demo/content"
	"guichet/internal/eligibility"
	"guichet/internal/identity"
	"guichet/internal/readability"
)

// minSummaryScore is the Kandel & Moles score every demo summary must reach: "standard", the
// level of a popular newspaper.
const minSummaryScore = 60

// demoCatalogue returns a fixture with the demo catalogue loaded, its administrations created
// from the demo files.
func demoCatalogue(t testing.TB) *fixture {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	files, err := fs.Glob(content.FS, "procedures/*.json")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{"caf": true, "cpam": true}
	for _, name := range files {
		data, err := fs.ReadFile(content.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		var p Procedure
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !seen[p.Administration] {
			seen[p.Administration] = true
			if _, err := f.ids.CreateOrganisation(ctx, p.Administration, "Administration "+p.Administration, identity.KindAdministration); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := f.svc.LoadDemo(ctx, content.FS); err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}
	return f
}

func TestLoadDemo(t *testing.T) {
	f := demoCatalogue(t)
	ctx := context.Background()
	sn := mustSnapshot(t, f.svc)
	files, _ := fs.Glob(content.FS, "procedures/*.json")
	if got := len(sn.Procedures()); got != len(files) {
		t.Errorf("%d procedures published, want %d", got, len(files))
	}
	if got := len(sn.LifeEvents()); got < 10 {
		t.Errorf("%d life events, want at least 10", got)
	}
	for slug := range eligibility.DefaultRules() {
		p, ok := sn.Procedure(slug)
		if !ok {
			t.Errorf("the default rule of %s has no demo procedure", slug)
			continue
		}
		if p.Eligibility.Expr == "" {
			t.Errorf("%s has no eligibility rule", slug)
		}
	}
	if syn, err := f.svc.Synonyms(ctx); err != nil || syn.Text == "" {
		t.Errorf("synonyms not seeded: %q, %v", syn.Text, err)
	}

	t.Run("loading again adds nothing", func(t *testing.T) {
		rep, err := f.svc.LoadDemo(ctx, content.FS)
		if err != nil {
			t.Fatal(err)
		}
		if rep != (DemoReport{}) {
			t.Errorf("second load added %+v, want nothing", rep)
		}
		if again := mustSnapshot(t, f.svc); again.Version != sn.Version {
			t.Errorf("version moved from %d to %d", sn.Version, again.Version)
		}
	})

	t.Run("life events list procedures in order", func(t *testing.T) {
		e, procs, ok := sn.LifeEvent("je-demenage")
		if !ok || len(procs) < 3 {
			t.Fatalf("je-demenage: %v, %d procedures", ok, len(procs))
		}
		for i, p := range procs {
			if p.Slug != e.Procedures[i] {
				t.Errorf("step %d is %s, want %s", i, p.Slug, e.Procedures[i])
			}
		}
	})
}

// TestDemoSummariesReadable checks that every demo summary scores at least 60 on the Kandel &
// Moles scale, as stored by the catalogue.
func TestDemoSummariesReadable(t *testing.T) {
	f := demoCatalogue(t)
	ctx := context.Background()
	for _, p := range mustSnapshot(t, f.svc).Procedures() {
		t.Run(p.Slug, func(t *testing.T) {
			if got := readability.Score(p.Summary); got < minSummaryScore {
				t.Errorf("summary scores %.1f (%s), want at least %d: %q", got, readability.Label(got), minSummaryScore, p.Summary)
			}
			rev, err := f.svc.Revision(ctx, Editor{OrgID: p.Org.ID}, p.Slug, p.Revision)
			if err != nil {
				t.Fatal(err)
			}
			if rev.SummaryScore < minSummaryScore {
				t.Errorf("stored summary score %.1f, want at least %d", rev.SummaryScore, minSummaryScore)
			}
		})
	}
}
