package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/listening"
)

func TestExperiencesAndActionsArePublicReadsOfPublishedDataOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFeedbackAPI(t)
	ls := f.Listening
	caf, err := f.ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	owner, err := f.ids.UserByEmail(ctx, "responsable@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	m := listening.Moderator{UserID: owner.ID, OrgID: caf.ID}
	published, err := ls.Tell(ctx, listening.Story{Procedure: "rsa", Title: "Dossier retrouvé", Name: "Nadia",
		Body: "Au guichet, on l'a retrouvé en cinq minutes. Appelez-moi au 06 12 34 56 78."}, caf.ID, "203.0.113.1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ls.Tell(ctx, listening.Story{Procedure: "rsa", Title: "En attente de relecture",
		Body: "Ce récit n'est pas encore relu par l'administration."}, caf.ID, "203.0.113.2"); err != nil {
		t.Fatal(err)
	}
	if err := ls.Publish(ctx, published, m); err != nil {
		t.Fatal(err)
	}
	if err := ls.Reply(ctx, published, "Merci Nadia, nous avons corrigé le suivi des dossiers.", m); err != nil {
		t.Fatal(err)
	}
	parent, err := ls.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", Title: "Simplifier les pièces", Indicator: "clarte"}, m)
	if err != nil {
		t.Fatal(err)
	}
	child, err := ls.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", ParentID: parent, Title: "Liste au début",
		Sources: []listening.Source{{Kind: "experience", ID: published}}}, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := ls.AddMilestone(ctx, child, "Mise en ligne", time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), m); err != nil {
		t.Fatal(err)
	}
	if err := ls.SetStatus(ctx, child, listening.ActionOngoing, "", 30, m); err != nil {
		t.Fatal(err)
	}
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		f.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}

	rec := get("/api/v1/procedures/rsa/experiences")
	var exps struct {
		Experiences []struct {
			ID           int64
			Title, Body  string
			FirstReplyAt *time.Time `json:"first_reply_at"`
			Replies      []struct{ Body string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &exps); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("experiences: %d %s %v", rec.Code, rec.Body, err)
	}
	if len(exps.Experiences) != 1 || exps.Experiences[0].ID != published || exps.Experiences[0].FirstReplyAt == nil ||
		len(exps.Experiences[0].Replies) != 1 || strings.Contains(exps.Experiences[0].Body, "06 12") {
		t.Fatalf("experiences = %+v; want the published one, masked, with its reply", exps)
	}
	for _, path := range []string{"/api/v1/procedures/rsa/actions", "/api/v1/organisations/caf/actions"} {
		rec := get(path)
		var board struct {
			Actions []struct {
				ID       int64
				Progress int
				Children []struct {
					Status     string
					Progress   int
					Proposals  int
					Milestones []struct{ Title, Due string }
				}
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &board); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s %v", path, rec.Code, rec.Body, err)
		}
		if len(board.Actions) != 1 || board.Actions[0].ID != parent || board.Actions[0].Progress != 30 || len(board.Actions[0].Children) != 1 {
			t.Fatalf("%s = %+v", path, board)
		}
		c := board.Actions[0].Children[0]
		if c.Status != "en_cours" || c.Proposals != 1 || len(c.Milestones) != 1 || c.Milestones[0].Due != "2026-06-30" {
			t.Fatalf("%s child = %+v", path, c)
		}
		if strings.Contains(rec.Body.String(), "@") {
			t.Fatalf("%s gives an e-mail: %s", path, rec.Body)
		}
	}
	for _, path := range []string{"/api/v1/procedures/inconnue/experiences", "/api/v1/procedures/inconnue/actions", "/api/v1/organisations/inconnue/actions"} {
		if rec := get(path); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}
