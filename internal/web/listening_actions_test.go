package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestIdeaBecomesAnActionOnThePublicBoardAndFollowersAreTold(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	page := suggestRSA(t, cs)
	id := strings.TrimPrefix(page, "/espace/caf/idees/")
	body := cs.get(page, "procedure_owner").Body.String()
	if !strings.Contains(body, "/espace/caf/actions?source=idee-"+id) {
		t.Fatal("the owner is not offered to turn the idea into an action")
	}
	if rec := cs.post("/espace/caf/actions", "procedure_owner", url.Values{"title": {""}, "source": {"idée 12"}}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad action: %d", rec.Code)
	}
	rec := cs.post("/espace/caf/actions", "procedure_owner", url.Values{"title": {"Liste des pièces au début"}, "procedure": {"rsa"},
		"indicator": {"clarte"}, "source": {"idee-" + id}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	org, _ := cs.ids.OrganisationBySlug(context.Background(), "caf")
	board, err := cs.Listening.OrgActions(context.Background(), org.ID)
	if err != nil || len(board) != 1 {
		t.Fatalf("board = %v, %v", board, err)
	}
	action := strings.TrimSpace(strconvI(board[0].ID))
	if rec := cs.post("/actions/"+action+"/suivre", "", url.Values{"email": {"paul@exemple.fr"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("follow: %d %s", rec.Code, rec.Body)
	}
	if rec := cs.post("/espace/caf/actions/"+action+"/etat", "agent", url.Values{"status": {"abandonnee"}, "progress": {"0"}}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("abandoned without reason: %d", rec.Code)
	}
	if rec := cs.post("/espace/caf/actions/"+action+"/etat", "agent", url.Values{"status": {"en_cours"}, "progress": {"40"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("status: %d %s", rec.Code, rec.Body)
	}
	if rec := cs.post("/espace/caf/actions/"+action+"/jalons", "agent", url.Values{"milestone": {"Formulaire en ligne"}, "due": {"2026-06-30"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("milestone: %d", rec.Code)
	}
	var n int
	if err := cs.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("mails = %d, %v; want the idea's author and Paul", n, err)
	}
	public := cs.get("/demarches/rsa/actions", "").Body.String()
	for _, want := range []string{"Liste des pièces au début", "En cours", "40 %", "Formulaire en ligne", "Clarté des informations"} {
		if !strings.Contains(public, want) {
			t.Errorf("the public board lacks %q", want)
		}
	}
	// The idea itself stays among staff.
	if strings.Contains(public, "Demander toutes les pièces") {
		t.Error("the public board shows the agent's idea")
	}
}

func strconvI(n int64) string { return strconv.FormatInt(n, 10) }

func TestWorkshopVerbatimReachesTheProcedureOwner(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	rec := cs.post("/espace/observatoire/ateliers", "observatory", url.Values{"held_on": {"2026-03-02"}, "place": {"Centre social Bonnefoi"},
		"facilitator": {"Amina Diallo"}, "participants": {"8"}, "far_digital": {"5"}, "age_65_plus": {"3"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("workshop: %d %s", rec.Code, rec.Body)
	}
	org, _ := cs.ids.OrganisationBySlug(context.Background(), "observatoire")
	ws, err := cs.Listening.Workshops(context.Background(), org.ID)
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops = %v, %v", ws, err)
	}
	path := "/espace/observatoire/ateliers/" + strconvI(ws[0].ID) + "/verbatims"
	if rec := cs.post(path, "observatory", url.Values{"procedure": {"rsa"}}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("empty verbatim: %d", rec.Code)
	}
	if rec := cs.post(path, "observatory", url.Values{"procedure": {"rsa"}, "step": {"Ressources"},
		"verbatim": {"La page demande un numéro fiscal que je n'ai pas."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("verbatim: %d", rec.Code)
	}
	page := cs.get("/espace/caf/demarches/rsa/avis", "procedure_owner").Body.String()
	if !strings.Contains(page, "un numéro fiscal que je n") || !strings.Contains(page, "source=verbatim-") {
		t.Fatal("the owner does not see the workshop's verbatim on their procedure")
	}
	// Workshops are not the agents' or the public's.
	if rec := cs.get("/espace/caf/ateliers", "agent"); rec.Code != http.StatusForbidden {
		t.Fatalf("agent: %d", rec.Code)
	}
}
