package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/places"
	"guichet/internal/testkit/demokit"
)

// newEligibilityAPI returns the API over the demo catalogue, its logs
// written to the returned buffer at the most verbose level, and the
// database.
func newEligibilityAPI(t *testing.T) (*Server, *bytes.Buffer, *database.DB) {
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
	logs := &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := New(modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat,
		Places: places.New(db, places.Options{}), Logger: logger}))
	if err != nil {
		t.Fatal(err)
	}
	return s, logs, db
}

// postJSON sends body to path.
func postJSON(s *Server, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// resultOf returns the result of one slug.
func resultOf(t *testing.T, out EligibilityAnswer, slug string) EligibilityResult {
	t.Helper()
	for _, r := range out.Results {
		if r.Slug == slug {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", slug, out.Results)
	return EligibilityResult{}
}

func TestEligibilityAPI(t *testing.T) {
	t.Parallel()
	s, _, _ := newEligibilityAPI(t)
	full := `{"age": 40, "couple": false, "enfants": 0, "grossesse": false, "ressources_mensuelles": %s,
		"logement": "locataire", "activite": "sans_activite", "handicap": false, "residence_reguliere": true, "date": "%s"}`
	tests := []struct {
		resources, date string
		want            bool
	}{
		{"642", "2026-03-01", false}, // 646.52 − 6
		{"642", "2026-05-01", true},  // 651.69 − 6
		{"660", "2026-05-01", false},
	}
	for _, tt := range tests {
		rec := postJSON(s, "/api/v1/eligibility", fmt.Sprintf(full, tt.resources, tt.date))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s on %s: status %d: %s", tt.resources, tt.date, rec.Code, rec.Body)
		}
		out := decode[EligibilityAnswer](t, rec)
		rsa := resultOf(t, out, "rsa")
		if rsa.Eligible == nil || *rsa.Eligible != tt.want {
			t.Errorf("rsa with %s € on %s = %v, want %v", tt.resources, tt.date, rsa.Eligible, tt.want)
		}
		if rsa.ParametersDate == nil || len(rsa.Unchecked) == 0 || len(rsa.Reasons) == 0 || rsa.Link == "" {
			t.Errorf("rsa result lacks its parameters' date, unchecked conditions, reasons or link: %+v", rsa)
		}
		if out.Date != tt.date || !strings.Contains(out.Notice, "a priori") {
			t.Errorf("date %q, notice %q", out.Date, out.Notice)
		}
	}
	// Only the age: the RSA cannot tell, and says null.
	rec := postJSON(s, "/api/v1/eligibility", `{"age": 40}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"slug":"rsa","eligible":null`) {
		t.Errorf("partial answers: %d %s, want rsa null", rec.Code, rec.Body)
	}
}

func TestEligibilityAPIRefusesBadBodies(t *testing.T) {
	t.Parallel()
	s, _, _ := newEligibilityAPI(t)
	tests := []struct {
		name, body string
		status     int
		want       string
	}{
		{"not json", `age=40`, 400, "objet JSON"},
		{"an array", `[1]`, 400, "objet JSON"},
		{"unknown field", `{"nom": "Dupont"}`, 400, `"field":"nom"`},
		{"number as text", `{"age": "quarante"}`, 400, `"field":"age"`},
		{"out of bounds", `{"age": 300}`, 400, "entre 15 et 120"},
		{"bad choice", `{"logement": "chateau"}`, 400, `"field":"logement"`},
		{"yes as text", `{"couple": "oui"}`, 400, "true ou false"},
		{"bad date", `{"date": "01/05/2026"}`, 400, "AAAA-MM-JJ"},
		{"too big", `{"age": 40, "x": "` + strings.Repeat("a", 5000) + `"}`, 413, "trop lourde"},
	}
	for _, tt := range tests {
		rec := postJSON(s, "/api/v1/eligibility", tt.body)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s: %d %s, want %d with %q", tt.name, rec.Code, rec.Body, tt.status, tt.want)
		}
	}
}

// TestEligibilityAPIKeepsNothing checks that the answers reach neither the
// logs nor the audit log, even when they are refused.
func TestEligibilityAPIKeepsNothing(t *testing.T) {
	t.Parallel()
	s, logs, db := newEligibilityAPI(t)
	var before int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM audit_events").Scan(&before); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		`{"age": 47, "ressources_mensuelles": 1234.56, "logement": "locataire"}`,
		`{"age": 47, "ressources_mensuelles": 1234.56, "secret_nom": "Dupont-Marqueur"}`,
		`{"age": 47, "ressources_mensuelles": "1234.56 Dupont-Marqueur"}`,
	} {
		postJSON(s, "/api/v1/eligibility", body)
	}
	for _, mark := range []string{"1234.56", "Dupont-Marqueur", "47"} {
		if strings.Contains(logs.String(), mark) {
			t.Errorf("the logs hold %q:\n%s", mark, logs)
		}
	}
	var after int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM audit_events").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("the audit log grew from %d to %d events", before, after)
	}
}
