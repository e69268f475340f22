package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/identity"
	"guichet/internal/profile"
)

// prefilledServer is the catalogue server with the demo citizen's profile
// and consents, as `serve --demo` loads them.
func prefilledServer(t *testing.T) *catalogueServer {
	t.Helper()
	cs := newCatalogueServer(t)
	ctx := context.Background()
	if err := demo.LoadProfile(ctx, cs.Profile, cs.ids); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadConsents(ctx, cs.Consent, cs.ids); err != nil {
		t.Fatal(err)
	}
	return cs
}

// start starts slug as the citizen and returns the draft's address.
func startDraft(t *testing.T, cs *catalogueServer, slug string) string {
	t.Helper()
	rec := cs.get("/demarches/"+slug+"/commencer", string(identity.RoleCitizen))
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasSuffix(loc, "/etape/1") {
		t.Fatalf("start %s: %d %q", slug, rec.Code, loc)
	}
	return strings.TrimSuffix(loc, "/etape/1")
}

// TestAFormIsPrefilledAndACorrectionLeavesTheSource walks inscription-ecole:
// the address comes from the profile, the family quotient from the CAF,
// each marked « déjà connu, vérifiez »; a corrected address stays in the
// dossier and the profile keeps its own.
func TestAFormIsPrefilledAndACorrectionLeavesTheSource(t *testing.T) {
	cs := prefilledServer(t)
	citizen := string(identity.RoleCitizen)
	draft := startDraft(t, cs, "inscription-ecole")
	addr := cs.get(draft+"/etape/5", citizen).Body.String()
	for _, want := range []string{`value="8 rue Francis de Pressensé"`, "Déjà connu, vérifiez : déclaré par vous le"} {
		if !strings.Contains(addr, want) {
			t.Errorf("address page lacks %q:\n%s", want, addr)
		}
	}
	qf := cs.get(draft+"/etape/6", citizen).Body.String()
	if !strings.Contains(qf, `value="742"`) || !strings.Contains(qf, "transmis par la CAF") {
		t.Errorf("quotient page:\n%s", qf)
	}
	rec := cs.post(draft+"/etape/5", citizen, url.Values{"adresse.street": {"1 place Lazare Goujon"},
		"adresse.postcode": {"69100"}, "adresse.town": {"Villeurbanne"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("correct the address: %d\n%s", rec.Code, rec.Body.String())
	}
	again := cs.get(draft+"/etape/5", citizen).Body.String()
	if !strings.Contains(again, "Vous avez corrigé la réponse déclaré par vous") && !strings.Contains(again, "elle ne change pas la source") {
		t.Errorf("corrected address page:\n%s", again)
	}
	p, err := cs.Profile.Get(context.Background(), demoUserID(t, cs.testServer))
	if err != nil || p[profile.Address].Value.Address.Street != "8 rue Francis de Pressensé" {
		t.Errorf("the profile changed with the dossier: %+v, %v", p[profile.Address], err)
	}
	log := cs.get("/compte/acces", citizen).Body.String()
	if !strings.Contains(log, "quotient familial") || !strings.Contains(log, "Pré-remplissage") {
		t.Errorf("the CAF's pre-filling is not in the access log:\n%s", log)
	}
}

// TestAWithdrawnConsentLeavesTheFieldToThePerson: after the person
// withdraws their consent to the CAF, a new dossier asks them to type the
// quotient, and says why.
func TestAWithdrawnConsentLeavesTheFieldToThePerson(t *testing.T) {
	cs := prefilledServer(t)
	citizen := string(identity.RoleCitizen)
	list, err := cs.Consent.OfPerson(context.Background(), demoUserID(t, cs.testServer))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Party == "caf" {
			rec := cs.post("/compte/consentements/"+itoa64(c.ID)+"/retirer", citizen, nil)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("withdraw: %d", rec.Code)
			}
		}
	}
	page := cs.get("/compte/consentements", citizen).Body.String()
	if !strings.Contains(page, "retirée le") || !strings.Contains(page, "La CAF nous transmet votre quotient familial") {
		t.Errorf("consent page after withdrawal:\n%s", page)
	}
	draft := startDraft(t, cs, "inscription-ecole")
	qf := cs.get(draft+"/etape/6", citizen).Body.String()
	if strings.Contains(qf, `value="742"`) || !strings.Contains(qf, "Vous n&#39;avez pas autorisé la CAF") {
		t.Errorf("quotient page without consent:\n%s", qf)
	}
	// Allowed again from the account: the next dossier is pre-filled.
	if rec := cs.post("/compte/consentements", citizen, url.Values{"party": {"caf"}, "category": {"quotient-familial"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("give: %d", rec.Code)
	}
	if rec := cs.post("/compte/consentements", citizen, url.Values{"party": {"caf"}, "category": {"autre"}}); rec.Code != http.StatusNotFound {
		t.Errorf("an offer that does not exist: %d", rec.Code)
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
