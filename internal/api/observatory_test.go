package api

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/observatory"
)

// observatoryMix is n paper answers on slug: the first 60 good, the next
// 40 medium, the others bad; clarity 5 and 3 in turn; the first 30 sought
// no help, the others phoned, the first 72 of them reached it, rated 4.
func observatoryMix(slug string, n int, at time.Time) []any {
	var out []any
	for i := range n {
		item := map[string]any{"procedure": slug, "overall": "good", "clarity": 5, "channel": "papier",
			"answered_at": at.Format(time.RFC3339)}
		switch {
		case i >= 100:
			item["overall"] = "bad"
		case i >= 60:
			item["overall"] = "medium"
		}
		if i%2 == 1 {
			item["clarity"] = 3
		}
		if i >= 30 {
			item["help_sought"], item["help_reached"], item["help_quality"] = []string{"telephone"}, i < 102, 4
		}
		out = append(out, item)
	}
	return out
}

// TestObservatoryIndicatorsFromPaperAnswers is the check: 120
// paper answers posted through the feedback API give exactly the expected
// values and colours in the open data; with 99, satisfaction is grey.
func TestObservatoryIndicatorsFromPaperAnswers(t *testing.T) {
	t.Parallel()
	f := newFeedbackAPI(t)
	at := time.Now().Add(-time.Minute)
	for slug, n := range map[string]int{"rsa": 120, "prime-activite": 99} {
		body, _ := json.Marshal(observatoryMix(slug, n, at))
		if rec := f.post(f.caf, string(body)); rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"index"`) {
			t.Fatalf("post %s: %d %s", slug, rec.Code, rec.Body)
		}
	}
	if err := f.Observatory.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	ed := observatory.EditionOf(time.Now()).String()
	get := func(url string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		f.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec
	}
	rec := get("/api/v1/observatory/indicators?edition=" + ed + "&procedure=rsa")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var doc struct {
		Edition    string `json:"edition"`
		Procedures []struct {
			Slug, Administration string
			Indicators           map[string]*struct {
				Value   any     `json:"value"`
				Colour  *string `json:"colour"`
				Answers int     `json:"answers"`
			} `json:"indicators"`
		} `json:"procedures"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.Edition != ed || len(doc.Procedures) != 1 {
		t.Fatalf("document %s: %v", rec.Body, err)
	}
	got := map[string]string{}
	for k, v := range doc.Procedures[0].Indicators {
		if v == nil {
			got[k] = "null"
			continue
		}
		colour := "null"
		if v.Colour != nil {
			colour = *v.Colour
		}
		got[k] = fmt.Sprintf("%v %s %d", v.Value, colour, v.Answers)
	}
	for k, want := range map[string]string{"satisfaction": "6.7 jaune 120", "clarte": "7.5 jaune 120",
		"aide_joignable": "80 jaune 90", "autonomie": "25 null 120", "aide_efficace": "7.5 jaune 90",
		"disponibilite": "null", "temps_de_chargement": "null", "dites_le_nous_une_fois": "null"} {
		if got[k] != want {
			t.Errorf("%s = %q; want %q", k, got[k], want)
		}
	}
	if len(got) != len(observatory.Keys()) {
		t.Errorf("%d indicators; want the %d keys: %v", len(got), len(observatory.Keys()), got)
	}
	if !strings.Contains(get("/api/v1/observatory/indicators?procedure=prime-activite").Body.String(),
		`"satisfaction":{"value":8,"colour":"gris","answers":99`) {
		t.Error("99 answers: satisfaction is not grey")
	}
	for url, code := range map[string]int{"/api/v1/observatory/indicators?edition=2026-T9": 400,
		"/api/v1/observatory/indicators?edition=2001-T1": 404, "/api/v1/observatory/indicators?procedure=nope": 404} {
		if rec := get(url); rec.Code != code {
			t.Errorf("%s: %d; want %d", url, rec.Code, code)
		}
	}

	rec = get("/api/v1/observatory/indicators.csv?edition=" + ed)
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || rec.Code != 200 || len(rows) < 3 {
		t.Fatalf("csv %d: %v, %d rows", rec.Code, err, len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["slug"]] == "rsa" && (r[col["satisfaction"]] != "6.7" || r[col["satisfaction_couleur"]] != "jaune" || r[col["aide_joignable_reponses"]] != "90") {
			t.Errorf("rsa row = %v", r)
		}
	}
	if rec := get("/api/v1/observatory/editions"); !strings.Contains(rec.Body.String(), `"edition":"`+ed+`"`) {
		t.Errorf("editions: %s", rec.Body)
	}
}
