package prefill

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"

	"guichet/internal/accesslog"
	"guichet/internal/connectors"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/profile"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

// fixture is a person with a profile, a draft dossier, a static CAF and
// an HTTP DGFiP whose endpoint the test serves.
type fixture struct {
	db       *database.DB
	svc      *Service
	dossiers *dossiers.Service
	consents *consent.Service
	access   *accesslog.Log
	userID   int64
	draft    *dossiers.Dossier
	dgfipUp  bool
	calls    atomic.Int32
}

var testForm = forms.Form{Procedure: "prime-naissance", Version: 1, Pages: []forms.Page{
	{Fields: []forms.Field{{Key: "adresse", Type: forms.Address, Label: "Adresse", Required: true, Prefill: "profil:adresse"}}},
	{Fields: []forms.Field{{Key: "iban", Type: forms.IBAN, Label: "IBAN", Prefill: "profil:iban"}}},
	{Fields: []forms.Field{{Key: "qf", Type: forms.Number, Label: "Quotient familial", Prefill: "caf:quotient-familial"}}},
	{Fields: []forms.Field{{Key: "rfr", Type: forms.Number, Label: "Revenu fiscal", Prefill: "dgfip:revenu-fiscal-reference"}}},
	{Fields: []forms.Field{{Key: "telephone", Type: forms.Phone, Label: "Téléphone"}}},
}}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: dbtest.Open(t), dgfipUp: true}
	clock := testkit.NewClock(testkit.Start)
	ids := demokit.Identity(t, f.db, clock.Now)
	u, err := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	f.userID = u.ID
	prof := profile.New(f.db, profile.Options{Now: clock.Now, Box: testkit.Box(t)})
	for item, v := range map[profile.Item]profile.Value{
		profile.Identity: {GivenName: "Camille", FamilyName: "Martin", Birthdate: "1990-04-12"},
		profile.Address:  {Address: &forms.PostalAddress{Street: "8 rue Francis de Pressensé", Postcode: "69100", Town: "Villeurbanne"}},
	} {
		if err := prof.Declare(ctx, u.ID, item, v); err != nil {
			t.Fatal(err)
		}
	}
	secret := []byte("secret-dgfip")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.calls.Add(1)
		var req connectors.Request
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !f.dgfipUp {
			http.Error(w, "indisponible", http.StatusServiceUnavailable)
			return
		}
		json.NewEncoder(w).Encode(connectors.Result{Values: map[string]string{"value": "28450"}, Source: "la DGFiP"})
	}))
	t.Cleanup(srv.Close)
	caf := &connectors.Static{Key: "caf", Sentence: "la CAF", OrgSlug: "caf",
		Cats: []connectors.Category{{Key: "quotient-familial", Name: "quotient familial"}},
		Data: map[string]map[string]map[string]string{"MARTIN|1990-04-12": {"quotient-familial": {"value": "742"}}}}
	dgfip := &connectors.HTTP{Key: "dgfip", Sentence: "la DGFiP", OrgSlug: "dgfip", URL: srv.URL, Secret: secret,
		Cats: []connectors.Category{{Key: "revenu-fiscal-reference", Name: "revenu fiscal de référence"}}}
	f.consents = consent.New(f.db, consent.Options{Now: clock.Now})
	f.access = accesslog.New(f.db, accesslog.Options{Now: clock.Now})
	f.dossiers = dossiers.New(f.db, dossiers.Options{Now: clock.Now, FilesDir: t.TempDir()})
	f.svc = New(f.db, Options{Now: clock.Now, Box: testkit.Box(t), Profile: prof, Consent: f.consents, AccessLog: f.access,
		Forms: forms.New(f.db, forms.Options{Now: clock.Now}), Connectors: []connectors.Connector{caf, dgfip},
		OrgID: func(ctx context.Context, slug string) (int64, error) {
			o, err := ids.OrganisationBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return o.ID, nil
		}})
	caf2, _ := ids.OrganisationBySlug(ctx, "caf")
	f.draft, _, err = f.dossiers.StartDraft(ctx, dossiers.Start{UserID: u.ID, Procedure: "prime-naissance", OrgID: caf2.ID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) give(t *testing.T, party, category string) {
	t.Helper()
	if err := f.consents.Give(context.Background(), f.userID, consent.Grant{Party: party, Category: category,
		Purpose: consent.PurposePrefill, LegalBasis: consent.BasisConsent}); err != nil {
		t.Fatal(err)
	}
}

// fill runs Fill saving into the draft, as the web does, and returns the
// draft's answers and the marks.
func (f *fixture) fill(t *testing.T) (dossiers.Answers, map[string]Mark) {
	t.Helper()
	ctx := context.Background()
	err := f.svc.Fill(ctx, f.userID, f.draft.ID, &testForm, func(ctx context.Context, a forms.Answers) error {
		values := dossiers.Answers{}
		var keys []string
		for k, v := range a {
			b, _ := json.Marshal(v)
			values[k], keys = b, append(keys, k)
		}
		_, err := f.dossiers.SavePage(ctx, f.userID, f.draft.ID, dossiers.Page{Fields: keys, Values: values})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.dossiers.Get(ctx, f.userID, f.draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	marks, err := f.svc.Marks(ctx, f.draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d.Answers, marks
}

func TestFillFromTheProfileAndConsentedConnectors(t *testing.T) {
	f := newFixture(t)
	f.give(t, "caf", "quotient-familial")
	f.give(t, "dgfip", "revenu-fiscal-reference")
	answers, marks := f.fill(t)
	if answers.Text("qf") != "742" || answers.Text("rfr") != "28450" {
		t.Errorf("connector answers %s", answers)
	}
	var addr forms.Value
	json.Unmarshal(answers["adresse"], &addr)
	if addr.Address == nil || addr.Address.Town != "Villeurbanne" {
		t.Errorf("address %s", answers["adresse"])
	}
	if _, ok := answers["iban"]; ok {
		t.Error("an IBAN the profile does not hold was filled")
	}
	if m := marks["qf"]; m.Status != Filled || m.Source != "transmis par la CAF" {
		t.Errorf("qf mark %+v", m)
	}
	if m := marks["adresse"]; m.Status != Filled || m.Source != "déclaré par vous" || m.Corrected(addr) {
		t.Errorf("address mark %+v", m)
	}
	if !marks["adresse"].Corrected(forms.Value{Address: &forms.PostalAddress{Street: "1 rue", Postcode: "69001", Town: "Lyon"}}) {
		t.Error("a changed address is not seen as corrected")
	}
	log, _ := f.access.OfPerson(context.Background(), f.userID, 0)
	var cats []string
	for _, e := range log {
		if e.Action != accesslog.Prefilled || e.ActorKind != accesslog.ByConnector || e.OrgID == 0 {
			t.Errorf("access entry %+v", e)
		}
		cats = append(cats, e.Category)
	}
	slices.Sort(cats)
	if !slices.Equal(cats, []string{"quotient familial", "revenu fiscal de référence"}) {
		t.Errorf("access log categories %v", cats)
	}
}

// TestARevokedConsentStopsTheCall: once the person withdraws their consent,
// the connector is not called and the field waits for them to type it.
func TestARevokedConsentStopsTheCall(t *testing.T) {
	f := newFixture(t)
	f.give(t, "dgfip", "revenu-fiscal-reference")
	list, _ := f.consents.OfPerson(context.Background(), f.userID)
	if err := f.consents.Withdraw(context.Background(), f.userID, list[0].ID); err != nil {
		t.Fatal(err)
	}
	answers, marks := f.fill(t)
	if f.calls.Load() != 0 {
		t.Errorf("the DGFiP was called %d times after the consent was withdrawn", f.calls.Load())
	}
	if _, ok := answers["rfr"]; ok || marks["rfr"].Status != NoConsent || marks["qf"].Status != NoConsent {
		t.Errorf("answers %s, marks %+v", answers, marks)
	}
	if log, _ := f.access.OfPerson(context.Background(), f.userID, 0); len(log) != 0 {
		t.Errorf("access log %+v", log)
	}
}

func TestAFailingConnectorLeavesTheFieldToThePerson(t *testing.T) {
	f := newFixture(t)
	f.give(t, "dgfip", "revenu-fiscal-reference")
	f.dgfipUp = false
	answers, marks := f.fill(t)
	if f.calls.Load() != 1 || marks["rfr"].Status != Failed || answers.Text("rfr") != "" {
		t.Errorf("calls %d, marks %+v, answers %s", f.calls.Load(), marks, answers)
	}
	if answers.Text("adresse") != "" && marks["adresse"].Status != Filled {
		t.Error("the profile's address was not filled beside the failed connector")
	}
}

func TestUnboundCountsWhatABindingCouldHaveFilled(t *testing.T) {
	got := Unbound(&testForm)
	if !slices.Equal(got, []string{"telephone"}) {
		t.Errorf("unbound %v", got)
	}
	if _, ok := Parse("caf"); ok {
		t.Error("a binding without item parsed")
	}
}
