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
