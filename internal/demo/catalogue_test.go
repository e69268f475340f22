package demo

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"guichet/internal/catalogue"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo/content"
	"guichet/internal/eligibility"
	"guichet/internal/identity"
	"guichet/internal/readability"
	"guichet/internal/testkit"
)

// minSummaryScore is the Kandel & Moles score every demo summary must reach: "standard", the
// level of a popular newspaper.
const minSummaryScore = 60

// demoFixture is a fresh database holding the demo organisations, accounts and catalogue.
type demoFixture struct {
	ids *identity.Service
	cat *catalogue.Service
	db  *database.DB
}

// demoCatalogue loads the demo organisations and catalogue into a fresh database, as
// `guichet serve --demo` does.
func demoCatalogue(t testing.TB) *demoFixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	clock := testkit.NewClock(testkit.Start)
	f := &demoFixture{ids: identity.NewService(db, testkit.Box(t), identity.Config{}, clock.Now), db: db}
	if err := LoadAccounts(ctx, f.ids); err != nil {
		t.Fatal(err)
	}
	var err error
	if f.cat, err = catalogue.New(db, catalogue.Options{Now: clock.Now, Box: testkit.Box(t)}); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCatalogue(ctx, f.cat, f.ids); err != nil {
		t.Fatalf("LoadCatalogue: %v", err)
	}
	return f
}

func mustSnapshot(t testing.TB, s *catalogue.Service) *catalogue.Snapshot {
	t.Helper()
	sn, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sn
}

func TestLoadCatalogue(t *testing.T) {
	t.Parallel()
	f := demoCatalogue(t)
	ctx := context.Background()
	sn := mustSnapshot(t, f.cat)
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
	if syn, err := f.cat.Synonyms(ctx); err != nil || syn.Text == "" {
		t.Errorf("synonyms not seeded: %q, %v", syn.Text, err)
	}

	t.Run("loading again adds nothing", func(t *testing.T) {
		rep, err := LoadCatalogue(ctx, f.cat, f.ids)
		if err != nil {
			t.Fatal(err)
		}
		if rep != (CatalogueReport{}) {
			t.Errorf("second load added %+v, want nothing", rep)
		}
		if again := mustSnapshot(t, f.cat); again.Version != sn.Version {
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
	t.Parallel()
	f := demoCatalogue(t)
	ctx := context.Background()
	for _, p := range mustSnapshot(t, f.cat).Procedures() {
		t.Run(p.Slug, func(t *testing.T) {
			if got := readability.Score(p.Summary); got < minSummaryScore {
				t.Errorf("summary scores %.1f (%s), want at least %d: %q", got, readability.Label(got), minSummaryScore, p.Summary)
			}
			rev, err := f.cat.Revision(ctx, catalogue.Editor{OrgID: p.Org.ID}, p.Slug, p.Revision)
			if err != nil {
				t.Fatal(err)
			}
			if rev.SummaryScore < minSummaryScore {
				t.Errorf("stored summary score %.1f, want at least %d", rev.SummaryScore, minSummaryScore)
			}
		})
	}
}

// minTop3 is the share of queries whose expected procedure must be among the first three.
const minTop3 = 0.90

// TestDemoSearchTop3 loads the demo catalogue into a fresh database and measures, on
// internal/demo/content/search-queries.tsv (queries as people type them, misspellings and
// everyday words included), how often the expected procedure comes in the first three
// results. Misses are printed to guide the synonyms and the texts.
func TestDemoSearchTop3(t *testing.T) {
	t.Parallel()
	f := demoCatalogue(t)
	sn := mustSnapshot(t, f.cat)
	data, err := content.FS.ReadFile("search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:]
	top1, top3 := 0, 0
	for _, line := range lines {
		query, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("line %q has no tab", line)
		}
		var got []string
		for _, h := range sn.Search(query, 0, 3).Hits {
			got = append(got, h.Slug)
		}
		switch i := slices.Index(got, want); {
		case i == 0:
			top1++
			top3++
		case i > 0:
			top3++
		default:
			t.Logf("miss: %q wants %s, got %v", query, want, got)
		}
	}
	n := float64(len(lines))
	share := float64(top3) / n
	t.Logf("%d queries: right procedure first %.1f %%, in the first three %.1f %%", len(lines), 100*float64(top1)/n, 100*share)
	if share < minTop3 {
		t.Errorf("right procedure in the first three for %.1f %% of queries, want at least %.0f %%", 100*share, 100*minTop3)
	}
}
