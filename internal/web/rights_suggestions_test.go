package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/eligibility"
	"guichet/internal/identity"
)

// keepLowIncome keeps, for the demo citizen, a "Mes droits" result of a
// single adult of 40, tenant, with 400 € a month: the RSA and the
// complémentaire santé solidaire answer yes.
func keepLowIncome(t *testing.T, ts *testServer) {
	t.Helper()
	a, bad := eligibility.ParseAnswers(url.Values{"age": {"40"}, "couple": {"non"}, "enfants": {"0"},
		"grossesse": {"non"}, "ressources_mensuelles": {"400"}, "logement": {"locataire"},
		"activite": {"sans_activite"}, "handicap": {"non"}, "residence_reguliere": {"oui"}})
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	if _, err := ts.Catalogue.KeepResult(context.Background(), demoUserID(t, ts), a); err != nil {
		t.Fatal(err)
	}
}

// The person gives consent, sees the suggestions with their reason and
// what was not checked, starts one (take-up counts it), dismisses another,
// and withdrawing from the register's page removes them all.
func TestRightsSuggestionsJourney(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	keepLowIncome(t, cs.testServer)
	if body := cs.get("/compte/droits", citizen).Body.String(); !strings.Contains(body, "Chercher des aides") {
		t.Fatal("no consent button before consent")
	}
	if rec := cs.post("/compte/droits", citizen, url.Values{}); rec.Code != 303 {
		t.Fatalf("consent: %d", rec.Code)
	}
	body := cs.get("/compte/droits", citizen).Body.String()
	for _, want := range []string{"aide-rsa", "A priori seulement", "Vos ressources des trois derniers mois",
		"Ce n'est pas pour moi", "Résultat inattendu ?"} {
		if !strings.Contains(strings.ToLower(body), strings.ToLower(want)) {
			t.Errorf("suggestions page lacks %q", want)
		}
	}
	rec := cs.post("/compte/droits/rsa/commencer", citizen, url.Values{})
	if rec.Code != 303 || rec.Header().Get("Location") != "/demarches/rsa/commencer" {
		t.Errorf("start: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	list, err := cs.Rights.TakeUps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	followed := 0
	for _, tu := range list {
		followed += tu.Followed
	}
	if followed != 1 {
		t.Errorf("take-up counts %d followed, want 1", followed)
	}
	if rec := cs.post("/compte/droits/complementaire-sante-solidaire/ecarter", citizen, url.Values{}); rec.Code != 303 {
		t.Fatalf("dismiss: %d", rec.Code)
	}
	if strings.Contains(cs.get("/compte/droits", citizen).Body.String(), "aide-complementaire-sante-solidaire") {
		t.Error("a dismissed suggestion is still shown")
	}
	if rec := cs.post("/compte/droits/rsa/inattendu", citizen, url.Values{"comment": {"Je le touche déjà."}}); rec.Code != 303 {
		t.Fatalf("unexpected: %d", rec.Code)
	}
	var who int
	if err := cs.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM rights_feedback WHERE slug = 'rsa'`).Scan(&who); err != nil || who != 1 {
		t.Errorf("feedback rows %d, %v", who, err)
	}
	consents, err := cs.Consent.OfPerson(context.Background(), demoUserID(t, cs.testServer))
	if err != nil || len(consents) == 0 {
		t.Fatal(consents, err)
	}
	if rec := cs.post("/compte/consentements/"+strconv.FormatInt(consents[0].ID, 10)+"/retirer", citizen, url.Values{}); rec.Code != 303 {
		t.Fatalf("withdraw: %d", rec.Code)
	}
	var left int
	if err := cs.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM rights_suggestions`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d suggestions left after withdrawal, %v", left, err)
	}
	if strings.Contains(cs.get("/compte/droits", citizen).Body.String(), "aide-rsa") {
		t.Error("suggestions shown after withdrawal")
	}
}

// A mediator sees the suggestions under a mandate covering social, each
// view logged; under the one-day mandate for famille, 403; another
// person's citizen account, never.
func TestRightsMediatorScope(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	if err := demo.LoadMediation(context.Background(), cs.Mediation, cs.ids); err != nil {
		t.Fatal(err)
	}
	mediator := string(identity.RoleMediator)
	keepLowIncome(t, cs.testServer)
	const social, famille = "/espace/france-services-villeurbanne/mandats/1/droits", "/espace/france-services-villeurbanne/mandats/2/droits"
	if rec := cs.get(social, mediator); rec.Code != 403 {
		t.Errorf("before consent: %d, want 403", rec.Code)
	}
	if rec := cs.post("/compte/droits", citizen, url.Values{}); rec.Code != 303 {
		t.Fatalf("consent: %d", rec.Code)
	}
	rec := cs.get(social, mediator)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "aide-rsa") {
		t.Errorf("under a social mandate: %d", rec.Code)
	}
	if rec := cs.get(famille, mediator); rec.Code != 403 {
		t.Errorf("under a famille mandate: %d, want 403", rec.Code)
	}
	if rec := cs.get(social, citizen); rec.Code != 403 && rec.Code != 404 {
		t.Errorf("a citizen on the mediator's page: %d", rec.Code)
	}
	var logged int
	if err := cs.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM access_log WHERE actor_kind = 'mediateur'
		AND category = 'aides suggérées'`).Scan(&logged); err != nil || logged != 1 {
		t.Errorf("access log entries %d, %v; want 1", logged, err)
	}
}
