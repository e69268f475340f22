package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/accesslog"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
	"guichet/internal/mediation"
)

// documentMandate records, as the demo mediator, a 31-day papiers mandate
// of Awa Diallo, identified by her identity card: no account, no e-mail.
func (as *actingServer) documentMandate(t *testing.T) *mediation.Mandate {
	t.Helper()
	m, err := as.Mediation.Create(context.Background(), mediation.Draft{OrgID: as.mandate.OrgID, MediatorID: as.mediator,
		IdentifyBy: mediation.ByDocument, PersonName: "Awa Diallo", DocumentType: "cni", DocumentLast4: "4X2B",
		Categories: []string{"papiers"}, Days: 31, TextVersion: mediation.TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAMediatorActsForAPersonWithoutAnAccount: Awa Diallo has no account;
// once the structure domiciles her, a mediator starts and sends her
// dossier under her mandate, her receipt reaches the structure's inbox,
// and the server refuses what the mandate does not allow, as for anyone.
func TestAMediatorActsForAPersonWithoutAnAccount(t *testing.T) {
	as := newActingServer(t)
	ctx := context.Background()
	m := as.documentMandate(t)
	n := strconv.FormatInt(m.ID, 10)
	pick := as.get(actingOrg+"/agir", mediatorRole).Body.String()
	if !strings.Contains(pick, "domiciliez Awa Diallo à la structure") || strings.Contains(pick, "/agir/"+n+`"`) {
		t.Errorf("the pick page does not send to the domiciliation first:\n%s", pick)
	}
	if rec := as.post(actingOrg+"/agir/"+n, mediatorRole, nil); rec.Code != http.StatusConflict ||
		!strings.Contains(rec.Body.String(), "domiciliez-la d") {
		t.Errorf("acting before the domiciliation: %d", rec.Code)
	}
	page := as.get(actingOrg+"/mandats/"+n, mediatorRole).Body.String()
	if !strings.Contains(page, "fiche sans compte") {
		t.Errorf("the mandate page does not explain the person record:\n%s", page)
	}
	if rec := as.post(actingOrg+"/mandats/"+n+"/domicilier", mediatorRole,
		url.Values{"address": {"12 rue Jean Jaurès\n69100 Villeurbanne"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("domicile: %d\n%s", rec.Code, rec.Body.String())
	}
	m, err := as.Mediation.OfStructure(ctx, m.OrgID, m.ID)
	if err != nil || !m.PersonRecord || m.PersonUserID == 0 {
		t.Fatalf("after domiciliation: %+v, %v", m, err)
	}
	awa := m.PersonUserID

	as.actFor(t, m.ID)
	if list := as.get("/mes-demarches", mediatorRole).Body.String(); !strings.Contains(list, "Vous agissez pour Awa Diallo") {
		t.Error("the banner does not say for whom")
	}
	id := as.start(t, papiersSlug)
	if _, err := as.Dossiers.Get(ctx, awa, id); err != nil {
		t.Fatalf("the dossier is not Awa's record's: %v", err)
	}
	if rec := as.post(dossierURL(id, "etape", "1"), mediatorRole, url.Values{"nom": {"Diallo"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("page: %d\n%s", rec.Code, rec.Body.String())
	}
	if rec := as.post(dossierURL(id, "envoyer"), mediatorRole, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", rec.Code, rec.Body.String())
	}
	d, err := as.Dossiers.Get(ctx, awa, id)
	if err != nil || d.State != dossiers.InConstruction || d.HelpedByOrgID != m.OrgID {
		t.Fatalf("after sending: %+v, %v", d, err)
	}
	as.work(t) // the receipt job
	// Her receipt goes to the structure's mediators and stays in its inbox.
	var to string
	if err := as.db.QueryRowContext(ctx, `SELECT recipient FROM notify_messages WHERE event = 'dossier_received'`).Scan(&to); err != nil ||
		to != "mediateur@demo.guichet.test" {
		t.Errorf("receipt to %q, %v", to, err)
	}
	journal, _ := as.Mediation.EntriesOfMandate(ctx, m.OrgID, m.ID)
	var seen []string
	for _, e := range journal {
		seen = append(seen, e.Event)
		if e.PersonUserID != awa && e.Event != mediation.EventCreated {
			t.Errorf("entry %s about %d, want Awa's record %d", e.Event, e.PersonUserID, awa)
		}
	}
	if got := strings.Join(seen, " "); !strings.Contains(got, "person.recorded domiciliation.set acting.started") ||
		!strings.Contains(got, "dossier.sent") {
		t.Errorf("journal = %s", got)
	}

	// Out of scope, on the direct address: refused.
	if rec := as.get("/demarches/"+familleSlug+"/commencer", mediatorRole); rec.Code != http.StatusForbidden {
		t.Errorf("outside the mandate's categories: %d", rec.Code)
	}
	// Revoked by the structure: the next action is refused.
	if rec := as.post(actingOrg+"/mandats/"+n+"/arreter", mediatorRole, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", rec.Code)
	}
	for _, rec := range []*http.Response{
		as.get(dossierURL(id), mediatorRole).Result(),
		as.get("/demarches/"+papiersSlug+"/commencer", mediatorRole).Result(),
	} {
		if rec.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s after revocation: %d, want 403", rec.Request.Method, rec.Request.URL, rec.StatusCode)
		}
	}
}

// TestTheStructuresInboxForTheDomiciled: the structure's mediators read the
// messages received for a person it domiciles, each read goes in the
// person's access log, and nobody else reads them.
func TestTheStructuresInboxForTheDomiciled(t *testing.T) {
	as := newActingServer(t)
	ctx := context.Background()
	m := as.documentMandate(t)
	if err := as.Mediation.Domicile(ctx, m.OrgID, as.mediator, m.ID, "12 rue Jean Jaurès\n69100 Villeurbanne"); err != nil {
		t.Fatal(err)
	}
	m, _ = as.Mediation.OfStructure(ctx, m.OrgID, m.ID)
	d, _, err := as.Dossiers.StartDraft(ctx, dossiers.Start{UserID: m.PersonUserID, Procedure: papiersSlug, OrgID: m.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := as.Dossiers.Submit(ctx, dossiers.Submitter{UserID: m.PersonUserID}, d.ID, dossiers.Receipt{ProcedureTitle: "Passeport"}); err != nil {
		t.Fatal(err)
	}
	as.work(t)
	if d, err = as.Dossiers.Get(ctx, m.PersonUserID, d.ID); err != nil || d.Reference == "" {
		t.Fatalf("sent dossier = %+v, %v", d, err)
	}
	list := as.get(actingOrg+"/domiciliations", mediatorRole)
	if list.Code != http.StatusOK || !strings.Contains(list.Body.String(), "Awa Diallo") {
		t.Fatalf("inbox list: %d\n%s", list.Code, list.Body.String())
	}
	path := actingOrg + "/domiciliations/" + strconv.FormatInt(m.PersonUserID, 10)
	if before, _ := as.AccessLog.OfPerson(ctx, m.PersonUserID, 10); len(before) != 0 {
		t.Fatalf("the access log holds %d entries before any read", len(before))
	}
	rec := as.get(path, mediatorRole)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Messages reçus pour Awa Diallo") ||
		!strings.Contains(rec.Body.String(), d.ShownReference()) {
		t.Fatalf("inbox of Awa: %d\n%s", rec.Code, rec.Body.String())
	}
	logged, err := as.AccessLog.OfPerson(ctx, m.PersonUserID, 10)
	if err != nil || len(logged) != 1 || logged[0].ActorKind != accesslog.ByMediator || logged[0].ActorID != as.mediator ||
		logged[0].OrgID != m.OrgID {
		t.Errorf("access log after the read = %+v, %v", logged, err)
	}
	// Another structure's space, a citizen, and a person the structure
	// does not domicile: nothing read, nothing logged.
	for _, c := range []struct {
		path, role string
		want       int
	}{
		{"/espace/epn-lyon-8/domiciliations/" + strconv.FormatInt(m.PersonUserID, 10), mediatorRole, http.StatusForbidden},
		{path, string(identity.RoleCitizen), http.StatusForbidden},
		{actingOrg + "/domiciliations/" + strconv.FormatInt(as.person, 10), mediatorRole, http.StatusNotFound},
		{actingOrg + "/domiciliations/abc", mediatorRole, http.StatusNotFound},
	} {
		if rec := as.get(c.path, c.role); rec.Code != c.want {
			t.Errorf("GET %s as %s: %d, want %d", c.path, c.role, rec.Code, c.want)
		}
	}
	if after, _ := as.AccessLog.OfPerson(ctx, m.PersonUserID, 10); len(after) != 1 {
		t.Errorf("refused reads were logged: %d entries", len(after))
	}
}

// TestARenewedAttestationReadsReplaced: the check page of the attestation
// printed before a renewal says « remplacée » and when.
func TestARenewedAttestationReadsReplaced(t *testing.T) {
	as := newActingServer(t)
	old, err := as.Mediation.AttestationOf(as.mandate)
	if err != nil {
		t.Fatal(err)
	}
	checkPath := strings.TrimPrefix(old.CheckURL, "http://127.0.0.1:8080")
	if body := as.get(checkPath, "").Body.String(); !strings.Contains(body, "<strong>valide</strong>") {
		t.Fatalf("before renewal:\n%s", body)
	}
	path := actingOrg + "/mandats/" + strconv.FormatInt(as.mandate.ID, 10)
	if rec := as.post(path+"/renouveler", mediatorRole, url.Values{"days": {"365"}, "text_version": {mediation.TextVersion},
		"consent": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("renew: %d", rec.Code)
	}
	rec := as.get(checkPath, "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<strong>remplacée</strong> le ") ||
		strings.Contains(rec.Body.String(), "pas reconnue") {
		t.Errorf("the old attestation after renewal: %d\n%s", rec.Code, rec.Body.String())
	}
	if rec := as.post(path+"/arreter", mediatorRole, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", rec.Code)
	}
	if body := as.get(checkPath, "").Body.String(); !strings.Contains(body, "<strong>révoqué</strong>") {
		t.Errorf("the old attestation after revocation:\n%s", body)
	}
}

// TestExportsShowNoAddressForAPersonRecord: an agent's export shows no
// address for a person acted for without an account, only real ones.
func TestExportsShowNoAddressForAPersonRecord(t *testing.T) {
	for in, want := range map[string]string{
		"sans-compte-0123@" + identity.PersonRecordDomain: "",
		"usager@demo.guichet.test":                        "usager@demo.guichet.test",
	} {
		if got := shownEmail(in); got != want {
			t.Errorf("shownEmail(%q) = %q, want %q", in, got, want)
		}
	}
}
