package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// suggestRSA posts an idea about the RSA as the CAF's agent and returns its page.
func suggestRSA(t *testing.T, cs *catalogueServer) string {
	t.Helper()
	rec := cs.post("/espace/caf/idees", "agent", url.Values{"procedure": {"rsa"}, "title": {"Pièces en une fois"},
		"body": {"Demander toutes les pièces dès le début du dossier."}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/espace/caf/idees/") {
		t.Fatalf("suggest: %d %s", rec.Code, rec.Body)
	}
	return rec.Header().Get("Location")
}

func TestColleaguesVoteOnceCommentAndTheOwnerAnswers(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	page := suggestRSA(t, cs)
	id := strings.TrimPrefix(page, "/espace/caf/idees/")
	// A mediator of another organisation votes from their own space, once.
	vote := "/espace/france-services-villeurbanne/idees/" + id + "/voter"
	if rec := cs.post(vote, "mediator", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("vote: %d %s", rec.Code, rec.Body)
	}
	if rec := cs.post(vote, "mediator", nil); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "déjà voté") {
		t.Fatalf("second vote: %d", rec.Code)
	}
	if rec := cs.post("/espace/france-services-villeurbanne/idees/"+id+"/commenter", "mediator",
		url.Values{"comment": {"Pareil chez nous."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("comment: %d", rec.Code)
	}
	// The agent who suggested it may not answer; the CAF's owner does.
	answer := url.Values{"status": {"retenue"}, "answer": {"Retenue pour le prochain formulaire."}}
	if rec := cs.post(page+"/repondre", "agent", answer); rec.Code != http.StatusForbidden {
		t.Fatalf("answer by the agent: %d", rec.Code)
	}
	if rec := cs.post(page+"/repondre", "procedure_owner", url.Values{}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("empty answer: %d", rec.Code)
	}
	if rec := cs.post(page+"/repondre", "procedure_owner", answer); rec.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", rec.Code, rec.Body)
	}
	body := cs.get(page, "agent").Body.String()
	for _, want := range []string{"Sophie Durand", "1 collègue soutient", "Pareil chez nous.", "Retenue pour le prochain formulaire.", "État : Retenue"} {
		if !strings.Contains(body, want) {
			t.Errorf("the idea's page lacks %q", want)
		}
	}
}

// TestSuggestionBoxIsNeverPublic checks the rules of every route of the
// suggestion box, and that nobody signed out or without a staff role reads
// an idea.
func TestSuggestionBoxIsNeverPublic(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	n := 0
	for _, rt := range cs.routes() {
		if !strings.Contains(rt.pattern, "/idees") {
			continue
		}
		n++
		if !rt.access.SignedIn || len(rt.access.Roles) == 0 || !strings.Contains(rt.pattern, "/espace/{org}/") {
			t.Errorf("%s is not a staff-only route", rt.pattern)
		}
	}
	if n == 0 {
		t.Fatal("no route of the suggestion box")
	}
	page := suggestRSA(t, cs)
	for _, who := range []string{"", "citizen"} {
		if rec := cs.get(page, who); rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "Pièces en une fois") {
			t.Errorf("%q reads an idea: %d", who, rec.Code)
		}
	}
}
