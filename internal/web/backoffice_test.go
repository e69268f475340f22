package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// TestTeamDecidesWhatAnAgentSees walks the owner's team page and the
// agent's queue: the dossier shows only while the agent is on the team.
func TestTeamDecidesWhatAnAgentSees(t *testing.T) {
	ps := newPagesServer(t)
	owner, agent := string(identity.RoleProcedureOwner), string(identity.RoleAgent)
	d, err := ps.Dossiers.Get(context.Background(), demoUserID(t, ps.testServer), ps.sentID)
	if err != nil {
		t.Fatal(err)
	}
	ref := d.ShownReference()
	queue := func() string {
		t.Helper()
		rec := ps.get("/espace/caf/dossiers", agent)
		if rec.Code != 200 {
			t.Fatalf("queue: %d", rec.Code)
		}
		return rec.Body.String()
	}
	if !strings.Contains(queue(), ref) {
		t.Fatal("the agent on the team does not see the dossier")
	}
	if !strings.Contains(queue(), "À corriger") {
		t.Fatal("the queue does not say the dossier waits for a correction")
	}
	teamURL := "/espace/caf/demarches/" + testSlug + "/equipe"
	// Nobody ticked: the team is emptied.
	if rec := ps.post(teamURL, owner, url.Values{}); rec.Code != 303 {
		t.Fatalf("save the team: %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(queue(), ref) {
		t.Fatal("an agent taken off the team still sees the dossier")
	}
	ag := demoAgent(t, ps.testServer)
	if rec := ps.post(teamURL, owner, url.Values{"agent": {strconv.FormatInt(ag.UserID, 10)}}); rec.Code != 303 {
		t.Fatalf("save the team: %d", rec.Code)
	}
	if !strings.Contains(queue(), ref) {
		t.Fatal("an agent put back on the team does not see the dossier")
	}
	if rec := ps.get(teamURL, owner); !strings.Contains(rec.Body.String(), `value="`+strconv.FormatInt(ag.UserID, 10)+`" checked`) {
		t.Fatal("the team page does not show the agent ticked")
	}
	// Another organisation's procedure: not found, for reading and writing.
	if rec := ps.get("/espace/caf/demarches/declaration-deces/equipe", owner); rec.Code != 404 {
		t.Fatalf("another organisation's team: %d", rec.Code)
	}
	if rec := ps.post("/espace/caf/demarches/declaration-deces/equipe", owner, url.Values{"agent": {strconv.FormatInt(ag.UserID, 10)}}); rec.Code != 404 {
		t.Fatalf("saving another organisation's team: %d", rec.Code)
	}
	// The queue of another organisation: the agent holds no role there.
	if rec := ps.get("/espace/mairie/dossiers", agent); rec.Code == 200 {
		t.Fatal("an agent opens another organisation's queue")
	}
	// Wrong dates: both problems at once, the list still shown.
	rec := ps.get("/espace/caf/dossiers?du=bof&au=hier", agent)
	if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, "Il y a 2 problèmes") || !strings.Contains(body, ref) {
		t.Fatalf("wrong dates: %d", rec.Code)
	}
}
