package changes

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"testing"

	"guichet/internal/accesslog"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/profile"
	"guichet/internal/testkit"
)

type fixture struct {
	db      *database.DB
	ids     *identity.Service
	svc     *Service
	prof    *profile.Service
	access  *accesslog.Log
	failing map[int64]bool
	events  []Event
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{db: dbtest.Open(t), failing: map[int64]bool{}}
	clock := testkit.NewClock(testkit.Start)
	f.ids = identity.NewService(f.db, testkit.Box(t), identity.Config{}, clock.Now)
	for _, r := range Recipients {
		if _, err := f.ids.CreateOrganisation(context.Background(), r.Slug, r.Name, identity.KindAdministration); err != nil {
			t.Fatal(err)
		}
	}
	f.prof = profile.New(f.db, profile.Options{Now: clock.Now, Box: testkit.Box(t)})
	f.access = accesslog.New(f.db, accesslog.Options{Now: clock.Now})
	f.svc = New(f.db, Options{Now: clock.Now, Box: testkit.Box(t), Profile: f.prof, AccessLog: f.access,
		OrgID: func(ctx context.Context, slug string) (int64, error) { return f.org(t, slug), nil },
		Deliver: func(_ context.Context, orgID int64, e Event) error {
			if f.failing[orgID] {
				return errors.New("administration injoignable")
			}
			return nil
		},
		Publish: func(_ context.Context, orgID int64, e Event) error { f.events = append(f.events, e); return nil }})
	return f
}

func (f *fixture) org(t *testing.T, slug string) int64 {
	o, err := f.ids.OrganisationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func answer(v forms.Value) json.RawMessage { b, _ := json.Marshal(v); return b }

func declared(to ...string) Declared {
	return Declared{UserID: 7, DossierID: 70, Reference: "ABCD2345", Person: map[string]string{"family_name": "Martin"},
		Answers: map[string]json.RawMessage{
			KeyNewAddress: answer(forms.Value{Address: &forms.PostalAddress{Street: "1 place Lazare Goujon", Postcode: "69100", Town: "Villeurbanne"}}),
			KeyDate:       answer(forms.Value{Text: "2026-04-01"}),
			KeyRecipients: answer(forms.Value{List: to}),
		}}
}

// TestAChangeGoesToEachAdministrationUnderOneReference follows a change
// sent to three administrations: one fails then succeeds, one
// acknowledges, and the profile holds the new address.
func TestAChangeGoesToEachAdministrationUnderOneReference(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.db.InTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		return f.svc.Dispatch(ctx, declared("caf", "dgfip", "cpam", "inconnu"))
	}); err != nil {
		t.Fatal(err)
	}
	c, err := f.svc.OfDossier(ctx, 7, 70)
	if err != nil || len(c.Deliveries) != 3 || c.Reference != "ABCD2345" || c.Address.Town != "Villeurbanne" {
		t.Fatalf("change %+v, %v", c, err)
	}
	if len(f.events) != 3 || f.events[0].Type != EventProfileChanged || f.events[0].Address["street"] != "1 place Lazare Goujon" {
		t.Errorf("published events %+v", f.events)
	}
	p, _ := f.prof.Get(ctx, 7)
	if p[profile.Address].Value.Address.Street != "1 place Lazare Goujon" {
		t.Errorf("profile after the change %+v", p[profile.Address])
	}
	f.failing[f.org(t, "dgfip")] = true
	for _, d := range c.Deliveries {
		err := f.svc.Deliver(ctx, d.ID)
		if (err != nil) != (d.OrgID == f.org(t, "dgfip")) {
			t.Errorf("deliver to %d: %v", d.OrgID, err)
		}
	}
	status := func() map[int64]string {
		c, _ := f.svc.OfDossier(ctx, 7, 70)
		out := map[int64]string{}
		for _, d := range c.Deliveries {
			out[d.OrgID] = d.Status
		}
		return out
	}
	if s := status(); s[f.org(t, "caf")] != "envoye" || s[f.org(t, "dgfip")] != "echec" {
		t.Errorf("after the first tries %v", s)
	}
	f.failing[f.org(t, "dgfip")] = false
	for _, d := range c.Deliveries {
		if err := f.svc.Deliver(ctx, d.ID); err != nil {
			t.Errorf("retry %d: %v", d.ID, err)
		}
	}
	if _, err := f.svc.Ack(ctx, f.org(t, "caf"), c.ID, "jeton « SI CAF »"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Ack(ctx, f.org(t, "france-travail"), c.ID, "x"); !errs.Is(err, errs.NotFound) {
		t.Errorf("ack by an administration not told: %v", err)
	}
	if s := status(); s[f.org(t, "caf")] != "recu" || s[f.org(t, "dgfip")] != "envoye" || s[f.org(t, "cpam")] != "envoye" {
		t.Errorf("after the retry and the ack %v", s)
	}
	log, _ := f.access.OfPerson(ctx, 7, 0)
	if len(log) != 3 || log[0].Action != accesslog.ChangeReceived {
		t.Errorf("access log %+v", log)
	}
	tasks, err := f.svc.Tasks(ctx, f.org(t, "cpam"), 99, 50)
	if err != nil || len(tasks) != 1 || tasks[0].Address != "1 place Lazare Goujon, 69100 Villeurbanne" {
		t.Fatalf("cpam tasks %+v, %v", tasks, err)
	}
	if log, _ := f.access.OfPerson(ctx, 7, 0); len(log) != 4 || log[0].Action != accesslog.Read || log[0].ActorID != 99 {
		t.Errorf("the agent's read of the task is not logged: %+v", log[0])
	}
}

func TestAChangeWithoutRecipientIsRefused(t *testing.T) {
	f := newFixture(t)
	if err := f.svc.Dispatch(context.Background(), declared()); !errs.Is(err, errs.Invalid) {
		t.Errorf("no recipient: %v", err)
	}
}
