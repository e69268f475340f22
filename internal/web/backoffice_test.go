package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/dossiers"
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
	// Dates as the page asks for them: received since 2020, none after 2999.
	if rec := ps.get("/espace/caf/dossiers?du=01/01/2020", agent); !strings.Contains(rec.Body.String(), ref) {
		t.Fatalf("received since 2020: %d", rec.Code)
	}
	if rec := ps.get("/espace/caf/dossiers?du=01/01/2999", agent); rec.Code != 200 || strings.Contains(rec.Body.String(), ref) {
		t.Fatalf("received since 2999: %d", rec.Code)
	}
	// Wrong dates: both problems at once, the list still shown.
	rec := ps.get("/espace/caf/dossiers?du=bof&au=hier", agent)
	if body := rec.Body.String(); rec.Code != 422 || !strings.Contains(body, "Il y a 2 problèmes") || !strings.Contains(body, ref) {
		t.Fatalf("wrong dates: %d", rec.Code)
	}
}

// TestAgentActionsOnADossier: a decision needs its motive when refused,
// the second of two agents acting from the same page is told what
// changed, and an agent off the team cannot open the dossier.
func TestAgentActionsOnADossier(t *testing.T) {
	ps := newPagesServer(t)
	ctx := context.Background()
	agent := string(identity.RoleAgent)
	ag := demoAgent(t, ps.testServer)
	base := "/espace/caf/dossiers/" + strconv.FormatInt(ps.sentID, 10)
	version := func() string {
		v, err := ps.Backoffice.Version(ctx, ag.OrgID, ag.UserID, ps.sentID)
		if err != nil {
			t.Fatal(err)
		}
		return strconv.FormatInt(v, 10)
	}
	state := func() string {
		d, err := ps.Dossiers.Get(ctx, demoUserID(t, ps.testServer), ps.sentID)
		if err != nil {
			t.Fatal(err)
		}
		return string(d.State)
	}
	// A private note: the agent reads it, the citizen never.
	const note = "Note interne : vérifier le RIB avec la banque."
	if rec := ps.post(base+"/note", agent, url.Values{"note": {note}}); rec.Code != 303 {
		t.Fatalf("note: %d", rec.Code)
	}
	if !strings.Contains(ps.get(base, agent).Body.String(), "vérifier le RIB") {
		t.Fatal("the agent does not see the note")
	}
	for _, p := range []string{"", "/recu", "/corriger"} {
		rec := ps.get("/mes-demarches/"+strconv.FormatInt(ps.sentID, 10)+p, citizen)
		if rec.Code != 200 || strings.Contains(rec.Body.String(), "RIB") {
			t.Fatalf("the citizen's page %q shows the note (%d)", p, rec.Code)
		}
	}
	if rec := ps.post(base+"/note", agent, url.Values{"note": {" "}}); rec.Code != 422 || !strings.Contains(rec.Body.String(), `href="#note-note"`) {
		t.Fatalf("empty note: %d", rec.Code)
	}
	before := state()
	rec := ps.post(base+"/etat", agent, url.Values{"version": {version()}, "etat": {"sans_suite"}})
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `href="#etat-motif"`) || state() != before {
		t.Fatalf("closed without a motive: %d, state %s", rec.Code, state())
	}
	// Two agents read the page at the same version; the first closes it.
	seen := version()
	if rec := ps.post(base+"/etat", agent, url.Values{"version": {seen}, "etat": {"sans_suite"}, "motif": {"Demande en double."}}); rec.Code != 303 {
		t.Fatalf("close: %d %s", rec.Code, rec.Body)
	}
	rec = ps.post(base+"/message", agent, url.Values{"version": {seen}, "message": {"Bonjour, il manque une pièce."}})
	body := rec.Body.String()
	if rec.Code != 409 || !strings.Contains(body, "Un autre agent a changé ce dossier") || !strings.Contains(body, "Demande en double.") {
		t.Fatalf("second agent: %d", rec.Code)
	}
	msgs, err := ps.Dossiers.Messages(ctx, &dossiers.Dossier{ID: ps.sentID})
	if err != nil || len(msgs) != 0 {
		t.Fatalf("the stale message was posted: %v %v", msgs, err)
	}
	// Off the team, the dossier does not exist for the agent.
	if err := ps.Backoffice.RemoveAgent(ctx, ag.OrgID, testSlug, ag.UserID, 0); err != nil {
		t.Fatal(err)
	}
	if rec := ps.get(base, agent); rec.Code != 404 {
		t.Fatalf("an agent off the team opens the dossier: %d", rec.Code)
	}
	if rec := ps.post(base+"/etat", agent, url.Values{"version": {version2(t, ps)}, "etat": {"en_instruction"}}); rec.Code != 404 {
		t.Fatalf("an agent off the team acts: %d", rec.Code)
	}
}

// version2 is the dossier's current version read without the team check.
func version2(t *testing.T, ps *pagesServer) string {
	var at time.Time
	if err := ps.db.QueryRowContext(context.Background(), "SELECT updated_at FROM dossiers WHERE id = $1", ps.sentID).Scan(&at); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(at.UTC().UnixMicro(), 10)
}
