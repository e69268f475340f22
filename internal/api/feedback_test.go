package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/places"
	"guichet/internal/testkit/demokit"
)

// feedbackAPI is the API over the demo organisations and catalogue, with
// an API token of the CAF and one of the observatory.
type feedbackAPI struct {
	*Server
	ids                  *identity.Service
	caf, observatory     string
	cafTokenID, cafOrgID int64
	admin                *identity.User
}

func newFeedbackAPI(t *testing.T) *feedbackAPI {
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
	s := mustAPI(t, modules(t, db, Deps{BaseURL: "https://guichet.test", Catalogue: cat, Identity: ids, Places: places.New(db, places.Options{}),
		Listening: listening.New(db, listening.Options{}), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	admin, err := ids.UserByEmail(ctx, "admin@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	f := &feedbackAPI{Server: s, ids: ids, admin: admin}
	for _, slug := range []string{"caf", "observatoire"} {
		org, err := ids.OrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		secret, tok, err := ids.CreateAPIToken(ctx, admin, org.ID, "Avis papier")
		if err != nil {
			t.Fatal(err)
		}
		if slug == "caf" {
			f.caf, f.cafTokenID, f.cafOrgID = secret, tok.ID, org.ID
		} else {
			f.observatory = secret
		}
	}
	return f
}

func (f *feedbackAPI) post(token, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/api/v1/feedback", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, req)
	return rec
}

// paperItem is the i-th answer of a known mix about procedure: 60 good, 40
// medium, 20 bad; clarity 1 to 5 in turn; one in four sought no help, the
// others phoned and one in five of those did not get through.
func paperItem(procedure string, i int) map[string]any {
	item := map[string]any{"procedure": procedure, "clarity": i%5 + 1,
		"channel":     []string{"papier", "telephone", "guichet"}[i%3],
		"answered_at": time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format(time.RFC3339)}
	switch {
	case i < 60:
		item["overall"] = "good"
	case i < 100:
		item["overall"] = "medium"
	default:
		item["overall"] = "bad"
	}
	if i%4 == 0 {
		item["help_sought"] = []string{"none"}
	} else {
		item["help_sought"] = []string{"telephone"}
		item["help_reached"] = i%5 != 1
		if i%5 != 1 {
			item["help_quality"] = 4
		}
	}
	return item
}

func TestPaperFeedbackBatchIsCountedExactly(t *testing.T) {
	t.Parallel()
	f := newFeedbackAPI(t)
	var items []any
	for i := range 120 {
		items = append(items, paperItem("rsa", i))
	}
	// A bad item in the middle, and one about another organisation's procedure.
	bad := paperItem("rsa", 0)
	bad["clarity"] = 9
	items = append(items[:40], append([]any{bad}, items[40:]...)...)
	items = append(items, paperItem("carte-vitale", 0))
	body, _ := json.Marshal(items)
	rec := f.post(f.caf, string(body))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	rep := decode[FeedbackReport](t, rec)
	if rep.Received != 122 || rep.Kept != 120 || len(rep.Rejected) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	if r := rep.Rejected[0]; r.Index != 40 || r.Reason != "Choisissez une note de clarté de 1 à 5." {
		t.Errorf("first rejection = %+v", r)
	}
	if r := rep.Rejected[1]; r.Index != 121 || !strings.Contains(r.Reason, "n'est pas celui de l'organisation") {
		t.Errorf("second rejection = %+v", r)
	}
	sum, err := f.Listening.ProcedureSummary(context.Background(), "rsa")
	if err != nil {
		t.Fatal(err)
	}
	tried, reached := 0, 0
	for i := range 120 {
		if i%4 != 0 {
			tried++
			if i%5 != 1 {
				reached++
			}
		}
	}
	if sum.Answers != 120 || sum.NoHelp != 30 || sum.Tried != tried || sum.Reached != reached || sum.Rated != reached ||
		sum.ByChannel[listening.ChannelPaper] != 40 || sum.ByChannel[listening.ChannelPhone] != 40 ||
		sum.ByChannel[listening.ChannelCounter] != 40 || sum.ByChannel[listening.ChannelOnline] != 0 {
		t.Fatalf("summary = %+v", sum)
	}
	if want := float64(60*10+40*5) / 120; sum.Satisfaction != want || sum.Clarity != 5 || sum.HelpQuality != 7.5 {
		t.Fatalf("means = %v, %v, %v; want %v, 5, 7.5", sum.Satisfaction, sum.Clarity, sum.HelpQuality, want)
	}
	if other, _ := f.Listening.ProcedureSummary(context.Background(), "carte-vitale"); other.Answers != 0 {
		t.Fatalf("the CAF's token added %d answers to another organisation's procedure", other.Answers)
	}
}

func TestPaperFeedbackNeedsAValidToken(t *testing.T) {
	t.Parallel()
	f := newFeedbackAPI(t)
	one, _ := json.Marshal([]any{paperItem("carte-vitale", 3)})
	// The observatory may add answers about every organisation's procedures.
	if rec := f.post(f.observatory, string(one)); rec.Code != http.StatusOK || decode[FeedbackReport](t, rec).Kept != 1 {
		t.Fatalf("observatory: %d %s", rec.Code, rec.Body)
	}
	// The CAF's token may not: every item refused is a 422.
	rec := f.post(f.caf, string(one))
	if rep := decode[FeedbackReport](t, rec); rec.Code != http.StatusUnprocessableEntity || rep.Kept != 0 || rep.Rejected[0].Index != 0 {
		t.Fatalf("CAF token on carte-vitale: %d %s", rec.Code, rec.Body)
	}
	if rec := f.post("", string(one)); rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
		t.Fatalf("no token: %d", rec.Code)
	}
	if rec := f.post("guichet_nimporte-quoi", string(one)); rec.Code != http.StatusUnauthorized {
		t.Fatalf("unknown token: %d", rec.Code)
	}
	if err := f.ids.RevokeAPIToken(context.Background(), f.admin, f.cafOrgID, f.cafTokenID); err != nil {
		t.Fatal(err)
	}
	mine, _ := json.Marshal([]any{paperItem("rsa", 3)})
	if rec := f.post(f.caf, string(mine)); rec.Code != http.StatusUnauthorized {
		t.Fatalf("revoked token: %d %s", rec.Code, rec.Body)
	}
	if rec := f.post(f.observatory, `{"procedure":"rsa"}`); rec.Code != http.StatusBadRequest {
		t.Fatalf("not an array: %d", rec.Code)
	}
	rec = f.post(f.observatory, `[{"procedure":"rsa","overall":"good","clarity":"cinq"},{"procedure":"rsa","colour":"bleu"}]`)
	rep := decode[FeedbackReport](t, rec)
	if len(rep.Rejected) != 2 || !strings.Contains(rep.Rejected[0].Reason, "clarity") || !strings.Contains(rep.Rejected[1].Reason, "colour") {
		t.Fatalf("malformed items: %s", rec.Body)
	}
}

func TestPaperFeedbackIsDescribed(t *testing.T) {
	t.Parallel()
	doc := decode[map[string]any](t, get(t, newFeedbackAPI(t).Server, "/api/v1/openapi.json"))
	post, _ := doc["paths"].(map[string]any)["/api/v1/feedback"].(map[string]any)["post"].(map[string]any)
	answers, _ := post["responses"].(map[string]any)
	for _, code := range []string{"200", "401", "422"} {
		if answers[code] == nil {
			t.Errorf("POST /api/v1/feedback: answer %s not described", code)
		}
	}
}
