package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/dossiers"
	"guichet/internal/identity"
)

// agentVersion is the version of dossier id as the demo agent's page shows it.
func agentVersion(t *testing.T, ps *pagesServer, id int64) string {
	t.Helper()
	ag := demoAgent(t, ps.testServer)
	v, err := ps.Backoffice.Version(context.Background(), ag.OrgID, ag.UserID, id)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(v, 10)
}

func shownRef(t *testing.T, ps *pagesServer, id int64) string {
	t.Helper()
	d, err := ps.Dossiers.Get(context.Background(), demoUserID(t, ps.testServer), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.ShownReference()
}

// TestAgentAssignsTakesAndFindsByHolder: the correction form and notice
// speak of the fields' labels; a dossier is given to an agent of the team
// only, then found under "attribués à moi", and its person never sees to whom.
func TestAgentAssignsTakesAndFindsByHolder(t *testing.T) {
	ps := newPagesServer(t)
	agent := string(identity.RoleAgent)
	ag := demoAgent(t, ps.testServer)
	id := sentDossier(t, ps.testServer)
	base := fmt.Sprintf("/espace/caf/dossiers/%d", id)
	ref := shownRef(t, ps, id)
	body := ps.get(base, agent).Body.String()
	for _, want := range []string{`<label for="champ-nom">Votre nom</label>`, `<dt>Vos enfants</dt>`, "Attribué à personne."} {
		if !strings.Contains(body, want) {
			t.Errorf("the agent's page lacks %s", want)
		}
	}
	if body := ps.get(fmt.Sprintf("/espace/caf/dossiers/%d", ps.sentID), agent).Body.String(); !strings.Contains(body, "Réponses à corriger : IBAN, Acte de naissance.") {
		t.Error("the open correction does not name its fields by their labels")
	}
	rec := ps.post(base+"/attribuer", agent, url.Values{"version": {agentVersion(t, ps, id)}, "agent": {"999999"}})
	if rec.Code != 422 || !strings.Contains(rec.Body.String(), `href="#attribuer-agent"`) {
		t.Fatalf("assigned off the team: %d", rec.Code)
	}
	mine := func() string { return ps.get("/espace/caf/dossiers?attribue=moi", agent).Body.String() }
	if strings.Contains(mine(), ref) {
		t.Fatal("a dossier nobody has is listed as mine")
	}
	if rec := ps.post(base+"/prendre", agent, url.Values{"version": {agentVersion(t, ps, id)}}); rec.Code != 303 {
		t.Fatalf("take: %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(mine(), ref) || strings.Contains(ps.get("/espace/caf/dossiers?attribue=personne", agent).Body.String(), ref) {
		t.Fatal("a dossier taken is not the taker's")
	}
	if body := ps.get(base, agent).Body.String(); !strings.Contains(body, "Attribué à Sophie Durand.") || !strings.Contains(body, "En cours de traitement") {
		t.Fatal("the page does not say who has the dossier")
	}
	// Given back to nobody, attributed in the timeline; the person sees none of it.
	if rec := ps.post(base+"/attribuer", agent, url.Values{"version": {agentVersion(t, ps, id)}, "agent": {"personne"}}); rec.Code != 303 {
		t.Fatalf("assign to nobody: %d", rec.Code)
	}
	if !strings.Contains(ps.get(base, agent).Body.String(), "Plus attribué à personne (par Sophie Durand)") {
		t.Fatal("the timeline does not say who gave the dossier back")
	}
	if body := ps.get(dossierURL(id), citizen).Body.String(); strings.Contains(body, "attribué") || strings.Contains(body, "Sophie") {
		t.Fatal("the person reads to which agent the dossier is given")
	}
	_ = ag
}

// TestBulkActionFromTheQueue: ticked dossiers each get the message unless
// they changed since the list was shown; the limit and a refusal without
// motive are said on the list, the ticks kept.
func TestBulkActionFromTheQueue(t *testing.T) {
	ps := newPagesServer(t)
	agent := string(identity.RoleAgent)
	second, third := sentDossier(t, ps.testServer), sentDossier(t, ps.testServer)
	tick := func(id int64, version string) string { return fmt.Sprintf("%d.%s", id, version) }
	form := url.Values{"dossier": {tick(second, agentVersion(t, ps, second)), tick(third, "1")},
		"lot-action": {"message"}, "lot-message": {"Bonjour, votre dossier est bien arrivé."}, "f-demarche": {testSlug}}
	rec := ps.post("/espace/caf/dossiers/lot", agent, form)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "1 dossier fait, 1 dossier laissé tel quel") || !strings.Contains(body, "entre-temps") ||
		!strings.Contains(body, `href="/espace/caf/dossiers?demarche=`+testSlug+`"`) {
		t.Fatalf("bulk message: %d %s", rec.Code, body)
	}
	msgs, _ := ps.Dossiers.Messages(context.Background(), &dossiers.Dossier{ID: second})
	if len(msgs) != 1 {
		t.Fatalf("%d messages on the dossier done", len(msgs))
	}
	many := url.Values{"lot-action": {"prendre"}}
	for i := range 501 {
		many.Add("dossier", fmt.Sprintf("%d.1", i+1))
	}
	if rec := ps.post("/espace/caf/dossiers/lot", agent, many); rec.Code != 422 || !strings.Contains(rec.Body.String(), "501 dossiers : 500 au plus") {
		t.Fatalf("501 dossiers: %d", rec.Code)
	}
	v := agentVersion(t, ps, second)
	rec = ps.post("/espace/caf/dossiers/lot", agent, url.Values{"dossier": {tick(second, v)}, "lot-action": {"decider"}, "lot-etat": {"refuse"}})
	body = rec.Body.String()
	if rec.Code != 422 || !strings.Contains(body, `href="#lot-motif"`) || !strings.Contains(body, `value="`+tick(second, v)+`" checked`) {
		t.Fatalf("refused without motive: %d", rec.Code)
	}
}

// TestExportOfTheFilteredList: one line per dossier, one column per
// field, the repeatable block flattened, formulas made harmless; the same
// list in JSON; both reads in the audit log.
func TestExportOfTheFilteredList(t *testing.T) {
	ps := newPagesServer(t)
	ctx := context.Background()
	agent := string(identity.RoleAgent)
	id := sentDossier(t, ps.testServer)
	if _, err := ps.db.ExecContext(ctx, `UPDATE dossiers SET answers = $1 WHERE id = $2`,
		`{"nom":{"text":"=HYPERLINK(\"http://x\",\"y\")"},"enfants":{"rows":[{"prenom":{"text":"Léa"}},{"prenom":{"text":"Noé"}}]},"couple":{"text":"non"}}`, id); err != nil {
		t.Fatal(err)
	}
	rec := ps.get("/espace/caf/dossiers/export.csv?demarche="+testSlug, agent)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", rec.Code, rec.Header())
	}
	lines, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if err != nil || len(lines) != 3 {
		t.Fatalf("%d lines, %v", len(lines), err)
	}
	col := func(name string) int {
		i := slices.Index(lines[0], name)
		if i < 0 {
			t.Fatalf("no column %q in %q", name, lines[0])
		}
		return i
	}
	last := lines[2] // oldest first: the dossier sent last
	for name, want := range map[string]string{"Référence": shownRef(t, ps, id), "Votre nom": `'=HYPERLINK("http://x","y")`,
		"Vos enfants — Enfant 1 — Prénom": "Léa", "Vos enfants — Enfant 2 — Prénom": "Noé", "Vos enfants — Enfant 3 — Prénom": "",
		"Vivez-vous en couple ?": "Non", "État": "Envoyé"} {
		if got := last[col(name)]; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	rec = ps.get("/espace/caf/dossiers/export.json?etat=en_construction", agent)
	var list []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list) != 2 {
		t.Fatalf("json: %d dossiers, %v", len(list), err)
	}
	var n int
	if err := ps.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE event = 'dossiers_exported'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d exports in the audit log, %v", n, err)
	}
	if rec := ps.get("/espace/caf/dossiers/export.csv?du=hier", agent); rec.Code != 400 {
		t.Fatalf("export with a wrong date: %d", rec.Code)
	}
}

// TestOwnerReadsTheFiguresOfAProcedure: a decision shows in the month's figures.
func TestOwnerReadsTheFiguresOfAProcedure(t *testing.T) {
	ps := newPagesServer(t)
	id := sentDossier(t, ps.testServer)
	ag := demoAgent(t, ps.testServer)
	if err := ps.Dossiers.Move(context.Background(), id, ag, dossiers.Accepted, ""); err != nil {
		t.Fatal(err)
	}
	rec := ps.get("/espace/caf/demarches/"+testSlug+"/chiffres", string(identity.RoleProcedureOwner))
	body := rec.Body.String()
	for _, want := range []string{"2 dossiers reçus", "1 dossier traité", "1 dossier encore en cours", "Délai médian : moins d&#39;un jour", "50\u202f%"} {
		if !strings.Contains(body, want) {
			t.Errorf("figures lack %q", want)
		}
	}
	if rec := ps.get("/espace/caf/demarches/declaration-deces/chiffres", string(identity.RoleProcedureOwner)); rec.Code != 404 {
		t.Fatalf("another organisation's figures: %d", rec.Code)
	}
}
