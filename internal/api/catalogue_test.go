package api

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/demo/content"
	"guichet/internal/places"
	"guichet/internal/testkit/demokit"
)

// newCatalogueAPI returns the API over a fresh database holding the demo organisations and
// the demo catalogue, loaded as `guichet serve --demo` does.
func newCatalogueAPI(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, time.Now)
	cat, err := catalogue.New(db, catalogue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadCatalogue(ctx, cat, ids); err != nil {
		t.Fatal(err)
	}
	s, err := New(modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Places: places.New(db, places.Options{}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestProcedureSearchTop3 sends every query of internal/demo/content/search-queries.tsv
// (queries as people type them) to GET /api/v1/procedures?q= and measures how often the
// expected procedure is among the first three. The misses are printed.
func TestProcedureSearchTop3(t *testing.T) {
	t.Parallel()
	s := newCatalogueAPI(t)
	data, err := content.FS.ReadFile("search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:]
	top3 := 0
	for _, line := range lines {
		query, want, _ := strings.Cut(line, "\t")
		rec := get(t, s, "/api/v1/procedures?limit=3&q="+url.QueryEscape(query))
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d", query, rec.Code)
		}
		var got []string
		for _, r := range decode[procedureSearch](t, rec).Results {
			got = append(got, r.Slug)
		}
		if slices.Contains(got, want) {
			top3++
		} else {
			t.Logf("miss: %q wants %s, got %v", query, want, got)
		}
	}
	share := float64(top3) / float64(len(lines))
	t.Logf("%d queries through the API: right procedure in the first three %.1f %%", len(lines), 100*share)
	if share < 0.90 {
		t.Errorf("top-3 accuracy %.1f %%, want at least 90 %%", 100*share)
	}
}

func TestProceduresAPI(t *testing.T) {
	t.Parallel()
	s := newCatalogueAPI(t)

	t.Run("search", func(t *testing.T) {
		rec := get(t, s, "/api/v1/procedures?q="+url.QueryEscape("jai perdu ma carte vital"))
		ans := decode[procedureSearch](t, rec)
		if rec.Code != 200 || len(ans.Results) == 0 || ans.Results[0].Slug != "carte-vitale" {
			t.Fatalf("status %d, %+v", rec.Code, ans.Results)
		}
		first := ans.Results[0]
		if first.URL != "https://guichet.test/demarches/carte-vitale" || first.Score == nil || *first.Score <= 0 ||
			first.Title == "" || first.Summary == "" || ans.Total < len(ans.Results) || len(ans.Results) > 20 {
			t.Errorf("answer %+v, total %d", first, ans.Total)
		}
		if !strings.Contains(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("content type %q", rec.Header().Get("Content-Type"))
		}
	})

	t.Run("without q, every procedure by volume", func(t *testing.T) {
		ans := decode[procedureSearch](t, get(t, s, "/api/v1/procedures"))
		if ans.Total < 40 || len(ans.Results) != ans.Total {
			t.Fatalf("%d results, total %d", len(ans.Results), ans.Total)
		}
		if ans.Results[0].Score != nil {
			t.Error("a score without a query")
		}
		page := decode[procedureSearch](t, get(t, s, "/api/v1/procedures?limit=2&offset=1"))
		if len(page.Results) != 2 || page.Results[0].Slug != ans.Results[1].Slug {
			t.Errorf("page %+v", page.Results)
		}
	})

	t.Run("bad limit", func(t *testing.T) {
		for _, q := range []string{"limit=0", "limit=500", "limit=abc", "offset=-1"} {
			if rec := get(t, s, "/api/v1/procedures?q=caf&"+q); rec.Code != http.StatusBadRequest ||
				!strings.Contains(rec.Body.String(), "Le paramètre") {
				t.Errorf("%s: status %d %s", q, rec.Code, rec.Body.String())
			}
		}
	})

	t.Run("one procedure", func(t *testing.T) {
		p := decode[catalogue.ExportedProcedure](t, get(t, s, "/api/v1/procedures/rsa"))
		if p.Slug != "rsa" || p.AdministrationName == "" || p.Eligibility.Expr == "" || len(p.Channels) == 0 {
			t.Errorf("procedure %+v", p)
		}
		if rec := get(t, s, "/api/v1/procedures/n-existe-pas"); rec.Code != http.StatusNotFound {
			t.Errorf("unknown slug: %d", rec.Code)
		}
	})

	t.Run("life events", func(t *testing.T) {
		ans := decode[struct {
			LifeEvents []lifeEventResult `json:"life_events"`
		}](t, get(t, s, "/api/v1/life-events"))
		if len(ans.LifeEvents) < 10 {
			t.Fatalf("%d life events", len(ans.LifeEvents))
		}
		for _, e := range ans.LifeEvents {
			if len(e.Procedures) == 0 || !strings.HasPrefix(e.URL, "https://guichet.test/evenements/") {
				t.Errorf("life event %+v", e)
			}
		}
	})

	t.Run("open data exports", func(t *testing.T) {
		rec := get(t, s, "/api/v1/procedures.csv")
		rows, err := csv.NewReader(rec.Body).ReadAll()
		if err != nil || rec.Code != 200 || len(rows) < 41 || rows[0][0] != "slug" {
			t.Errorf("csv: status %d, %d rows, %v", rec.Code, len(rows), err)
		}
		ex := decode[catalogue.Export](t, get(t, s, "/api/v1/procedures.json"))
		if len(ex.Procedures) != len(rows)-1 || len(ex.LifeEvents) < 10 {
			t.Errorf("json: %d procedures, %d life events", len(ex.Procedures), len(ex.LifeEvents))
		}
	})

	t.Run("described in the OpenAPI document", func(t *testing.T) {
		doc := get(t, s, "/api/v1/openapi.json").Body.String()
		for _, path := range []string{`"/api/v1/procedures"`, `"/api/v1/procedures/{slug}"`, `"/api/v1/life-events"`,
			`"/api/v1/procedures.csv"`, `"ProcedureSearch"`} {
			if !strings.Contains(doc, path) {
				t.Errorf("openapi.json misses %s", path)
			}
		}
	})
}
