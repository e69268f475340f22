package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/mediation"
)

const mandateOrg = "/espace/france-services-villeurbanne/mandats"

func TestMediatorCreatesAMandateAndThePersonRevokesIt(t *testing.T) {
	cs := newCatalogueServer(t)
	mediator, citizen := string(identity.RoleMediator), string(identity.RoleCitizen)
	rec := cs.post(mandateOrg, mediator, url.Values{"identify_by": {"account"}, "email": {"usager@demo.guichet.test"},
		"categories": {"papiers", "logement"}, "days": {"182"}, "text_version": {mediation.TextVersion}, "consent": {"oui"}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), mandateOrg+"/") {
		t.Fatalf("create: %d %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	page := cs.get(strings.TrimSuffix(rec.Header().Get("Location"), "?fait=cree"), mediator)
	body := page.Body.String()
	for _, want := range []string{"Camille Martin", "Compte Guichet", "version v1", "/mandats/verifier?m=", "Mandat donné"} {
		if !strings.Contains(body, want) {
			t.Errorf("attestation lacks %q", want)
		}
	}
	id := strings.TrimPrefix(strings.TrimSuffix(rec.Header().Get("Location"), "?fait=cree"), mandateOrg+"/")
	mine := cs.get("/compte/mandats", citizen)
	if !strings.Contains(mine.Body.String(), "Papiers et citoyenneté, Logement") {
		t.Errorf("the person does not see the mandate:\n%s", mine.Body.String())
	}
	if rec := cs.post("/compte/mandats/"+id+"/arreter", citizen, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d", rec.Code)
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	m, err := cs.Mediation.OfPerson(context.Background(), mustUser(t, cs, "usager@demo.guichet.test"), n)
	if err != nil || m.RevokedSide != mediation.SidePerson {
		t.Errorf("after the person's revocation: %+v, %v", m, err)
	}
	if !strings.Contains(cs.get("/compte/mandats", citizen).Body.String(), "Mandat arrêté") {
		t.Error("the person's journal does not show the revocation")
	}
}

func mustUser(t *testing.T, cs *catalogueServer, email string) int64 {
	t.Helper()
	u, err := cs.ids.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestAStructureCannotReadOrRevokeAnothersMandate(t *testing.T) {
	cs := newCatalogueServer(t)
	ctx := context.Background()
	epn, err := cs.ids.OrganisationBySlug(ctx, "epn-lyon-8")
	if err != nil {
		t.Fatal(err)
	}
	person := mustUser(t, cs, "usager@demo.guichet.test")
	m, err := cs.Mediation.Create(ctx, mediation.Draft{OrgID: epn.ID, MediatorID: person, IdentifyBy: mediation.ByAccount,
		PersonUserID: person, Categories: []string{"social"}, Days: 31, TextVersion: mediation.TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	path := mandateOrg + "/" + strconv.FormatInt(m.ID, 10)
	mediator := string(identity.RoleMediator)
	if rec := cs.get(path, mediator); rec.Code != http.StatusNotFound {
		t.Errorf("reading another structure's mandate: %d", rec.Code)
	}
	if rec := cs.post(path+"/arreter", mediator, nil); rec.Code != http.StatusNotFound {
		t.Errorf("revoking another structure's mandate: %d", rec.Code)
	}
	if strings.Contains(cs.get(mandateOrg, mediator).Body.String(), path) {
		t.Error("another structure's mandate is listed")
	}
	if got, _ := cs.Mediation.OfStructure(ctx, epn.ID, m.ID); got == nil || got.RevokedAt != nil {
		t.Errorf("the mandate was changed: %+v", got)
	}
	// Nor can another person end it.
	if rec := cs.post("/compte/mandats/"+strconv.FormatInt(m.ID, 10)+"/arreter", string(identity.RoleAgent), nil); rec.Code != http.StatusNotFound {
		t.Errorf("another person revoking: %d", rec.Code)
	}
}

func TestNewMandateFormShowsEveryErrorAtOnce(t *testing.T) {
	cs := newCatalogueServer(t)
	rec := cs.post(mandateOrg, string(identity.RoleMediator), url.Values{"identify_by": {"document"},
		"document_last4": {"060712345678"}, "text_version": {mediation.TextVersion}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, field := range []string{"person_name", "document_type", "document_last4", "categories", "days", "consent"} {
		if !strings.Contains(body, `<a href="#`+field+`">`) {
			t.Errorf("the error summary has no link to %s", field)
		}
	}
	if strings.Contains(body, "060712345678") {
		t.Error("a full document number is shown back instead of being dropped")
	}
}

func TestAttestationCheckPageSaysValidRevokedOrExpired(t *testing.T) {
	cs := newCatalogueServer(t)
	ctx := context.Background()
	org, _ := cs.ids.OrganisationBySlug(ctx, "france-services-villeurbanne")
	person := mustUser(t, cs, "usager@demo.guichet.test")
	m, err := cs.Mediation.Create(ctx, mediation.Draft{OrgID: org.ID, MediatorID: person, IdentifyBy: mediation.ByDocument,
		PersonName: "Awa Diallo", DocumentType: "cni", DocumentLast4: "4X2B", Categories: []string{"social"}, Days: 1,
		TextVersion: mediation.TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := cs.Mediation.AttestationOf(m)
	if err != nil {
		t.Fatal(err)
	}
	path := strings.TrimPrefix(a.CheckURL, "http://127.0.0.1:8080")
	check := func(want string) {
		t.Helper()
		body := cs.get(path, "").Body.String()
		if !strings.Contains(body, "Ce mandat est <strong>"+want+"</strong>") {
			t.Errorf("check page does not say %s", want)
		}
		for _, secret := range []string{"Awa Diallo", "4X2B", "Carte nationale"} {
			if strings.Contains(body, secret) {
				t.Errorf("check page shows %q", secret)
			}
		}
	}
	check("valide")
	if err := cs.Mediation.RevokeByStructure(ctx, org.ID, person, m.ID); err != nil {
		t.Fatal(err)
	}
	check("révoqué")
	// Another last hexadecimal digit: "0" could be the one it has.
	altered := path[:len(path)-1] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(path, "0")]
	if rec := cs.get(altered, ""); rec.Code != http.StatusNotFound ||
		!strings.Contains(rec.Body.String(), "pas reconnue") {
		t.Errorf("altered signature: %d", rec.Code)
	}
}
