package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
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
	// Paul has not confirmed: he got the link to confirm, not the change.
	paul := cs.mailsTo(t, "paul@exemple.fr")
	if len(paul) != 1 || !strings.Contains(paul[0], "/confirmer") {
		t.Fatalf("Paul's mails = %q", paul)
	}
	if got := cs.mailsTo(t, "agent@demo.guichet.test"); len(got) != 1 || !strings.Contains(got[0], "En cours") || !strings.Contains(got[0], "/arreter") {
		t.Fatalf("the idea's author's mails = %q", got)
	}
	confirm := followLink(t, paul[0], "confirmer")
	// Opening the link changes nothing (a mail scanner may open it); the button does.
	if rec := cs.get(confirm, ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Confirmer mon adresse") {
		t.Fatalf("confirm page: %d", rec.Code)
	}
	if rec := cs.post(confirm, "", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "est confirmé") {
		t.Fatalf("confirm: %d %s", rec.Code, rec.Body)
	}
	if rec := cs.post("/espace/caf/actions/"+action+"/etat", "agent", url.Values{"status": {"realisee"}, "progress": {"100"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("status: %d", rec.Code)
	}
	paul = cs.mailsTo(t, "paul@exemple.fr")
	if len(paul) != 2 || !strings.Contains(paul[1], "Réalisée") {
		t.Fatalf("after confirming, Paul's mails = %q", paul)
	}
	stop := followLink(t, paul[1], "arreter")
	if rec := cs.post(stop, "", nil); rec.Code != http.StatusOK {
		t.Fatalf("stop: %d", rec.Code)
	}
	if rec := cs.get(stop, ""); rec.Code != http.StatusNotFound {
		t.Fatalf("the link after stopping: %d", rec.Code)
	}
	public := cs.get("/demarches/rsa/actions", "").Body.String()
	for _, want := range []string{"Liste des pièces au début", "Réalisée", "100 %", "Formulaire en ligne", "Clarté des informations"} {
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

// mailsTo returns the bodies of the e-mails queued to address, oldest first.
func (cs *catalogueServer) mailsTo(t *testing.T, address string) []string {
	t.Helper()
	rows, err := cs.db.QueryContext(context.Background(), `SELECT payload FROM jobs WHERE kind = 'mail.send' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var m struct{ To, Body string }
		if err := json.Unmarshal([]byte(cs.openPayload(t, raw)), &m); err != nil {
			t.Fatal(err)
		}
		if m.To == address {
			out = append(out, m.Body)
		}
	}
	return out
}

// followLink returns the path of a follower's link to what in a mail.
func followLink(t *testing.T, body, what string) string {
	t.Helper()
	m := regexp.MustCompile(`/actions/suivi/[0-9a-f]{64}/` + what).FindString(body)
	if m == "" {
		t.Fatalf("no link to %s in %q", what, body)
	}
	return m
}

func TestTheObservatoryTurnsAnIdeaAboutTheServiceIntoAnAction(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	rec := cs.post("/espace/caf/idees", "agent", url.Values{"title": {"Un plan du site"}, "body": {"Pour s'y retrouver entre les démarches."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("idea: %d", rec.Code)
	}
	id := strings.TrimPrefix(rec.Header().Get("Location"), "/espace/caf/idees/")
	page := cs.get("/espace/observatoire/idees/"+id, "observatory").Body.String()
	if !strings.Contains(page, "/espace/observatoire/actions?source=idee-"+id) {
		t.Fatal("the observatory is not offered to turn the idea about the service into an action")
	}
	if strings.Contains(cs.get("/espace/caf/idees/"+id, "procedure_owner").Body.String(), "source=idee-") {
		t.Fatal("the CAF's owner is offered an idea about the service")
	}
	form := url.Values{"title": {"Un plan du site"}, "indicator": {""}, "source": {"idee-" + id}}
	if rec := cs.post("/espace/caf/actions", "procedure_owner", form); rec.Code != http.StatusForbidden {
		t.Fatalf("the CAF's owner takes the idea about the service: %d", rec.Code)
	}
	if rec := cs.post("/espace/observatoire/actions", "observatory", form); rec.Code != http.StatusSeeOther {
		t.Fatalf("the observatory: %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(cs.get("/organismes/observatoire/actions", "").Body.String(), "Un plan du site") {
		t.Fatal("the action is not on the observatory's public board")
	}
}

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

// followRSAAction creates an action of the CAF about the RSA, follows it
// as Paul and returns the path of his link to what.
func followRSAAction(t *testing.T, cs *catalogueServer, what string) string {
	t.Helper()
	if rec := cs.post("/espace/caf/actions", "procedure_owner", url.Values{"title": {"Liste des pièces au début"}, "procedure": {"rsa"},
		"indicator": {"clarte"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("action: %d", rec.Code)
	}
	org, _ := cs.ids.OrganisationBySlug(context.Background(), "caf")
	board, err := cs.Listening.OrgActions(context.Background(), org.ID)
	if err != nil || len(board) == 0 {
		t.Fatalf("board = %v, %v", board, err)
	}
	if rec := cs.post("/actions/"+strconvI(board[0].ID)+"/suivre", "", url.Values{"email": {"paul@exemple.fr"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("follow: %d", rec.Code)
	}
	mails := cs.mailsTo(t, "paul@exemple.fr")
	return followLink(t, mails[len(mails)-1], what)
}

// TestFollowerTokensStayOutOfLogs: a follower's link confirms or stops
// their e-mails, so the request log names the page without its token.
func TestFollowerTokensStayOutOfLogs(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	var mu sync.Mutex
	ts := newTestServer(t, func(d *Deps) {
		d.Logger = slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, nil))
	})
	token := strings.Repeat("f", 64)
	ts.do("GET", "/actions/suivi/"+token+"/confirmer", "")
	ts.do("POST", "/actions/suivi/"+token+"/arreter", "")
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(logs.String(), token) || !strings.Contains(logs.String(), "/actions/suivi/…/arreter") {
		t.Errorf("logs:\n%s", logs.String())
	}
}
