package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/mediation"
)

const (
	actingOrg   = "/espace/france-services-villeurbanne"
	papiersSlug = "passeport"         // category papiers
	familleSlug = "inscription-ecole" // category famille, with a demo form
)

// actingServer is a server where Camille Martin (the demo citizen) gave
// the demo France Services a 31-day mandate for papiers, and where the
// passport has a one-question online form.
type actingServer struct {
	*catalogueServer
	person, mediator int64
	mandate          *mediation.Mandate
}

func newActingServer(t *testing.T) *actingServer {
	t.Helper()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	f := forms.Form{Pages: []forms.Page{{Title: "Vous", Fields: []forms.Field{
		{Key: "nom", Type: forms.ShortText, Label: "Votre nom", Required: true}}}}}
	if _, err := cs.Forms.SaveDraft(ctx, papiersSlug, 0, f); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Forms.Publish(ctx, papiersSlug, 0); err != nil {
		t.Fatal(err)
	}
	as := &actingServer{catalogueServer: cs, person: mustUser(t, cs, "usager@demo.guichet.test"),
		mediator: mustUser(t, cs, "mediateur@demo.guichet.test")}
	org, err := cs.ids.OrganisationBySlug(ctx, "france-services-villeurbanne")
	if err != nil {
		t.Fatal(err)
	}
	as.mandate, err = cs.Mediation.Create(ctx, mediation.Draft{OrgID: org.ID, MediatorID: as.mediator,
		IdentifyBy: mediation.ByAccount, PersonUserID: as.person, PersonName: "Camille Martin",
		Categories: []string{"papiers"}, Days: 31, TextVersion: mediation.TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	return as
}

var mediatorRole = string(identity.RoleMediator)

// actFor makes the demo mediator pick the person of the mandate.
func (as *actingServer) actFor(t *testing.T, id int64) {
	t.Helper()
	rec := as.post(actingOrg+"/agir/"+strconv.FormatInt(id, 10), mediatorRole, nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/mes-demarches" {
		t.Fatalf("act for: %d %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
}

// start starts the procedure slug as the mediator and returns the dossier.
func (as *actingServer) start(t *testing.T, slug string) int64 {
	t.Helper()
	rec := as.get("/demarches/"+slug+"/commencer", mediatorRole)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/mes-demarches/") {
		t.Fatalf("start %s: %d %q\n%s", slug, rec.Code, loc, rec.Body.String())
	}
	id, err := strconv.ParseInt(strings.Split(strings.TrimPrefix(loc, "/mes-demarches/"), "/")[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAMediatorActsForAPersonAndSendsTheirDossier(t *testing.T) {
	as := newActingServer(t)
	ctx := context.Background()
	as.actFor(t, as.mandate.ID)
	list := as.get("/mes-demarches", mediatorRole).Body.String()
	for _, want := range []string{"Vous agissez pour Camille Martin", "Arrêter d'agir pour Camille Martin", "Les démarches de Camille Martin"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	id := as.start(t, papiersSlug)
	d, err := as.Dossiers.Get(ctx, as.person, id)
	if err != nil {
		t.Fatalf("the dossier is not the person's: %v", err)
	}
	if rec := as.post(dossierURL(id, "etape", "1"), mediatorRole, url.Values{"nom": {"Martin"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("page: %d\n%s", rec.Code, rec.Body.String())
	}
	if rec := as.post(dossierURL(id, "envoyer"), mediatorRole, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", rec.Code, rec.Body.String())
	}
	if d, err = as.Dossiers.Get(ctx, as.person, id); err != nil || d.State != dossiers.InConstruction || d.HelpedByOrgID != as.mandate.OrgID {
		t.Fatalf("after sending: %+v, %v", d, err)
	}
	events, _ := as.Dossiers.Timeline(ctx, d)
	for _, e := range events {
		if e.ActorID != as.mediator || e.ViaOrgID != as.mandate.OrgID {
			t.Errorf("timeline entry %q by %d via %d, want the mediator and the structure", e.Text(), e.ActorID, e.ViaOrgID)
		}
	}
	journal, _ := as.Mediation.EntriesOfMandate(ctx, as.mandate.OrgID, as.mandate.ID)
	var seen []string
	for _, e := range journal {
		seen = append(seen, e.Event)
	}
	if got := strings.Join(seen, " "); got != "mandate.created acting.started dossier.started dossier.saved dossier.sent" {
		t.Errorf("journal: %s", got)
	}
	if v, _ := mediation.VerifyJournal(ctx, as.db); v.Broken != nil {
		t.Errorf("journal broken: %v", v.Broken)
	}
	// The person sees it: on the dossier and under the mandate.
	citizen := string(identity.RoleCitizen)
	if page := as.get(dossierURL(id), citizen).Body.String(); !strings.Contains(page, "aidé par un médiateur") {
		t.Error("the person's dossier does not say a mediator helped")
	}
	if page := as.get("/compte/mandats", citizen).Body.String(); !strings.Contains(page, "Dossier envoyé") {
		t.Error("the person does not see what the structure did under the mandate")
	}
	// Stopping: the mediator's own pages again.
	if rec := as.post("/agir/arreter", mediatorRole, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("stop: %d", rec.Code)
	}
	if page := as.get("/mes-demarches", mediatorRole).Body.String(); strings.Contains(page, "Vous agissez pour") {
		t.Error("still acting after stopping")
	}
	if rec := as.get(dossierURL(id), mediatorRole); rec.Code != http.StatusNotFound {
		t.Errorf("the person's dossier after stopping: %d", rec.Code)
	}
}

// TestTheServerRefusesWhatTheMandateDoesNotAllow opens the direct
// addresses, not the links: the server checks the mandate on every request.
func TestTheServerRefusesWhatTheMandateDoesNotAllow(t *testing.T) {
	ctx := context.Background()
	t.Run("outside its categories", func(t *testing.T) {
		as := newActingServer(t)
		own, _, err := as.Dossiers.StartDraft(ctx, dossiers.Start{UserID: as.person, Procedure: familleSlug,
			OrgID: as.mandate.OrgID, FormVersion: 1})
		if err != nil {
			t.Fatal(err)
		}
		as.actFor(t, as.mandate.ID)
		for _, rec := range []*http.Response{
			as.get("/demarches/"+familleSlug+"/commencer", mediatorRole).Result(),
			as.get(dossierURL(own.ID), mediatorRole).Result(),
			as.get(dossierURL(own.ID, "etape", "1"), mediatorRole).Result(),
			as.post(dossierURL(own.ID, "envoyer"), mediatorRole, nil).Result(),
			as.post(dossierURL(own.ID, "supprimer"), mediatorRole, nil).Result(),
		} {
			if rec.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s: %d, want 403", rec.Request.Method, rec.Request.URL, rec.StatusCode)
			}
		}
		body := as.get(dossierURL(own.ID), mediatorRole).Body.String()
		if !strings.Contains(body, "ne couvre pas le domaine « Famille »") || !strings.Contains(body, "Arrêter d'agir pour Camille Martin") {
			t.Errorf("the refusal does not say why nor how to stop:\n%s", body)
		}
		if strings.Contains(as.get("/mes-demarches", mediatorRole).Body.String(), dossierURL(own.ID)) {
			t.Error("the list shows a dossier outside the mandate")
		}
		if _, err := as.Dossiers.Get(ctx, as.person, own.ID); err != nil {
			t.Errorf("the refused deletion deleted: %v", err)
		}
	})
	t.Run("after its end", func(t *testing.T) {
		as := newActingServer(t)
		as.actFor(t, as.mandate.ID)
		id := as.start(t, papiersSlug)
		later := time.Now().Add(32 * 24 * time.Hour)
		as.Now = func() time.Time { return later }
		for _, path := range []string{"/mes-demarches", dossierURL(id), "/demarches/" + papiersSlug + "/commencer"} {
			if rec := as.get(path, mediatorRole); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "plus en cours") {
				t.Errorf("GET %s after the end: %d", path, rec.Code)
			}
		}
		if rec := as.post(dossierURL(id, "envoyer"), mediatorRole, nil); rec.Code != http.StatusForbidden {
			t.Errorf("send after the end: %d", rec.Code)
		}
		if rec := as.post(actingOrg+"/agir/"+strconv.FormatInt(as.mandate.ID, 10), mediatorRole, nil); rec.Code != http.StatusForbidden {
			t.Errorf("acting again after the end: %d", rec.Code)
		}
	})
	t.Run("after its revocation", func(t *testing.T) {
		as := newActingServer(t)
		as.actFor(t, as.mandate.ID)
		id := as.start(t, papiersSlug)
		if rec := as.post("/compte/mandats/"+strconv.FormatInt(as.mandate.ID, 10)+"/arreter", string(identity.RoleCitizen), nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", rec.Code)
		}
		rec := as.post(dossierURL(id, "etape", "1"), mediatorRole, url.Values{"nom": {"Martin"}})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "a été arrêté") {
			t.Errorf("saving a page after the revocation: %d", rec.Code)
		}
		if d, _ := as.Dossiers.Get(ctx, as.person, id); d.Answers.Text("nom") != "" {
			t.Error("the refused page was saved")
		}
		if rec := as.get(dossierURL(id), mediatorRole); rec.Code != http.StatusForbidden {
			t.Errorf("reading after the revocation: %d", rec.Code)
		}
	})
	t.Run("another structure's", func(t *testing.T) {
		as := newActingServer(t)
		epn, err := as.ids.OrganisationBySlug(ctx, "epn-lyon-8")
		if err != nil {
			t.Fatal(err)
		}
		other, err := as.Mediation.Create(ctx, mediation.Draft{OrgID: epn.ID, MediatorID: as.mediator,
			IdentifyBy: mediation.ByAccount, PersonUserID: as.person, Categories: []string{"papiers"}, Days: 31,
			TextVersion: mediation.TextVersion, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		n := strconv.FormatInt(other.ID, 10)
		if rec := as.post(actingOrg+"/agir/"+n, mediatorRole, nil); rec.Code != http.StatusNotFound {
			t.Errorf("acting under another structure's mandate from one's own: %d", rec.Code)
		}
		if rec := as.post("/espace/epn-lyon-8/agir/"+n, mediatorRole, nil); rec.Code != http.StatusForbidden {
			t.Errorf("acting in another structure's space: %d", rec.Code)
		}
		// Even were the session to hold it, every request checks the structure.
		sess, _, err := as.ids.SessionByToken(ctx, as.tokens[mediatorRole])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := as.Mediation.StartActing(ctx, sess.ID, as.mediator, epn.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		if rec := as.get("/mes-demarches", mediatorRole); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "plus médiateur") {
			t.Errorf("acting for another structure: %d", rec.Code)
		}
	})
}

// TestADomiciledPersonIsReachedThroughTheStructure domiciles the person at
// the structure: their receipt goes to the structure's mediators, for
// them, and their page shows the address their mail carries.
func TestADomiciledPersonIsReachedThroughTheStructure(t *testing.T) {
	as := newActingServer(t)
	ctx := context.Background()
	path := actingOrg + "/mandats/" + strconv.FormatInt(as.mandate.ID, 10) + "/domicilier"
	if rec := as.post(path, mediatorRole, url.Values{"address": {"12 rue Michel Servet\n69100 Villeurbanne"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("domicile: %d\n%s", rec.Code, rec.Body.String())
	}
	d, _, err := as.Dossiers.StartDraft(ctx, dossiers.Start{UserID: as.person, Procedure: papiersSlug, OrgID: as.mandate.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := as.Dossiers.Submit(ctx, dossiers.Submitter{UserID: as.person}, d.ID, dossiers.Receipt{ProcedureTitle: "Passeport"}); err != nil {
		t.Fatal(err)
	}
	as.work(t) // the receipt job
	var to, body string
	if err := as.db.QueryRowContext(ctx, `SELECT recipient, body FROM notify_messages WHERE event = 'dossier_received'`).Scan(&to, &body); err != nil {
		t.Fatal(err)
	}
	if to != "mediateur@demo.guichet.test" || !strings.Contains(body, "Message pour Camille Martin") {
		t.Errorf("receipt to %s:\n%s", to, body)
	}
	page := as.get("/compte/mandats", string(identity.RoleCitizen)).Body.String()
	for _, want := range []string{"Votre domiciliation", "Chez France Services", "69100 Villeurbanne"} {
		if !strings.Contains(page, want) {
			t.Errorf("the person's page lacks %q", want)
		}
	}
	if rec := as.post("/compte/domiciliation/arreter", string(identity.RoleCitizen), nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the person ends it: %d", rec.Code)
	}
	if dom, _ := as.Mediation.DomiciliationOf(ctx, as.person); dom != nil {
		t.Error("still domiciled")
	}
}

func TestAMediatorRenewsAMandateWithThePersonPresent(t *testing.T) {
	as := newActingServer(t)
	path := actingOrg + "/mandats/" + strconv.FormatInt(as.mandate.ID, 10)
	rec := as.post(path+"/renouveler", mediatorRole, url.Values{"days": {"182"}, "text_version": {mediation.TextVersion}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "doit donner son accord") {
		t.Errorf("renewal without consent: %d", rec.Code)
	}
	rec = as.post(path+"/renouveler", mediatorRole, url.Values{"days": {"182"}, "text_version": {mediation.TextVersion}, "consent": {"oui"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path+"?fait=renouvele" {
		t.Fatalf("renewal: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	m, err := as.Mediation.OfStructure(context.Background(), as.mandate.OrgID, as.mandate.ID)
	if err != nil || m.Days != 182 || !m.EndsAt.After(as.mandate.EndsAt) {
		t.Errorf("renewed mandate = %+v, %v", m, err)
	}
	if !strings.Contains(as.get(path, mediatorRole).Body.String(), "Mandat renouvelé") {
		t.Error("the journal does not show the renewal")
	}
}
