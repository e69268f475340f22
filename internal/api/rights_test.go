package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/eligibility"
	"guichet/internal/places"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

// The take-up is open data: a suggestion made and followed shows in the
// JSON and the CSV, naming no one.
func TestRightsTakeUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, time.Now)
	cat, err := catalogue.New(db, catalogue.Options{Box: testkit.Box(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadCatalogue(ctx, cat, ids); err != nil {
		t.Fatal(err)
	}
	s := mustAPI(t, modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Identity: ids,
		Places: places.New(db, places.Options{})}))
	u, err := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := eligibility.ParseAnswers(url.Values{"age": {"40"}, "couple": {"non"}, "enfants": {"0"},
		"grossesse": {"non"}, "ressources_mensuelles": {"400"}, "logement": {"locataire"},
		"activite": {"sans_activite"}, "handicap": {"non"}, "residence_reguliere": {"oui"}})
	if _, err := cat.KeepResult(ctx, u.ID, a); err != nil {
		t.Fatal(err)
	}
	if err := s.Rights.Allow(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Rights.Follow(ctx, u.ID, "rsa"); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/rights/take-up", nil))
	var out struct {
		Licence string `json:"licence"`
		TakeUp  []struct {
			Month     string  `json:"month"`
			Procedure string  `json:"procedure"`
			Suggested int     `json:"suggested"`
			Followed  int     `json:"followed"`
			Rate      float64 `json:"rate"`
		} `json:"take_up"`
	}
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	found := false
	for _, r := range out.TakeUp {
		if r.Procedure == "rsa" {
			found = r.Suggested == 1 && r.Followed == 1 && r.Rate == 1 && r.Month == time.Now().UTC().Format("2006-01")
		}
	}
	if !found || out.Licence == "" {
		t.Errorf("take-up %+v", out)
	}
	if strings.Contains(rec.Body.String(), "usager") {
		t.Error("the take-up names the person")
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/rights/take-up.csv", nil))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Body.String(), "rsa,1,1,1") {
		t.Errorf("CSV %d %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
