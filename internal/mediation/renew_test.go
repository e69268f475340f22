package mediation

import (
	"context"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

func TestRenewGivesANewEndAndTheNoticeIsDueAgain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(182, "logement")
	f.clock.Advance(day(160))
	if n, _, err := f.svc.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("notice before renewal: %d, %v", n, err)
	}
	if _, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: m.ID, Days: 7}); !hasField(err, "days") ||
		!hasField(err, "consent") {
		t.Errorf("renewal without duration nor consent: %v", errs.FieldsOf(err))
	}
	if _, err := f.svc.Renew(ctx, Renewal{OrgID: orgB, MediatorID: mediator, MandateID: m.ID, Days: 365,
		TextVersion: TextVersion, Consent: true}); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure renews: %v", err)
	}
	got, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: m.ID, Days: 365,
		TextVersion: TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	now := f.clock.Now()
	if !got.StartsAt.Equal(m.StartsAt) || !got.EndsAt.Equal(now.UTC().Truncate(time.Microsecond).Add(day(365))) || got.Days != 365 ||
		got.NoticeSentAt != nil || got.StatusAt(now) != Active {
		t.Errorf("renewed = %+v", got)
	}
	// The notice goes out again 30 days before the new end, once.
	f.clock.Advance(day(336))
	if n, _, _ := f.svc.Sweep(ctx); n != 1 {
		t.Errorf("notice before the new end: %d", n)
	}
	entries, _ := f.svc.EntriesOfMandate(ctx, orgA, m.ID)
	var renewed int
	for _, e := range entries {
		if e.Event == EventRenewed {
			renewed++
		}
	}
	if renewed != 1 {
		t.Errorf("%d renewal entries", renewed)
	}
	if v := f.verify(); v.Broken != nil {
		t.Errorf("journal = %+v", v)
	}
}

func TestRenewRestartsAnEndedMandateButNotARevokedOne(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ended := f.mandate(1, "papiers")
	revoked := f.mandate(31, "papiers")
	if err := f.svc.RevokeByPerson(ctx, person, revoked.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(day(10))
	got, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: ended.ID, Days: 31,
		TextVersion: TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.StatusAt(ended.StartsAt.Add(day(5))) == Active {
		t.Error("the renewal covers the days the mandate had ended")
	}
	if got.StatusAt(f.clock.Now()) != Active {
		t.Error("the renewed mandate is not in force")
	}
	if _, err := f.svc.Renew(ctx, Renewal{OrgID: orgA, MediatorID: mediator, MandateID: revoked.ID, Days: 31,
		TextVersion: TextVersion, Consent: true}); !errs.Is(err, errs.Conflict) {
		t.Errorf("renewing a revoked mandate: %v", err)
	}
}

func TestActingIsJournaledAndNeedsAMandateInForceWithAnAccount(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers")
	if _, err := f.svc.StartActing(ctx, "sess", mediator, orgB, m.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure: %v", err)
	}
	if _, err := f.svc.StartActing(ctx, "sess", mediator, orgA, m.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.ActingOf(ctx, "sess", mediator); err != nil || got == nil || got.ID != m.ID {
		t.Errorf("acting of = %+v, %v", got, err)
	}
	if got, _ := f.svc.ActingOf(ctx, "sess", mediator+1); got != nil {
		t.Error("another mediator reads the session's acting")
	}
	if err := f.svc.StopActing(ctx, "sess", mediator); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.ActingOf(ctx, "sess", mediator); got != nil {
		t.Error("still acting after stopping")
	}
	noAccount, err := f.svc.Create(ctx, Draft{OrgID: orgA, MediatorID: mediator, IdentifyBy: ByDocument, PersonName: "Awa Diallo",
		DocumentType: "cni", DocumentLast4: "4X2B", Categories: []string{"papiers"}, Days: 31, TextVersion: TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.StartActing(ctx, "sess", mediator, orgA, noAccount.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("acting for a person without an account: %v", err)
	}
	f.clock.Advance(day(31))
	if _, err := f.svc.StartActing(ctx, "sess", mediator, orgA, m.ID); !errs.Is(err, errs.Forbidden) {
		t.Errorf("acting after the end: %v", err)
	}
	if err := f.svc.Record(ctx, nil, Action{MandateID: m.ID, ActorUserID: mediator, OrgID: orgA, Category: Papiers,
		Event: "dossier.sent"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("recording an action after the end: %v", err)
	}
	if v := f.verify(); v.Entries != 4 || v.Broken != nil {
		t.Errorf("journal = %+v", v)
	}
}

func TestADomiciledPersonsNotificationsGoToTheStructure(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(365, "social")
	if err := f.svc.Domicile(ctx, orgA, mediator, m.ID, "  "); !hasField(err, "address") {
		t.Errorf("no address: %v", err)
	}
	if err := f.svc.Domicile(ctx, orgB, mediator, m.ID, "1 rue A"); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure: %v", err)
	}
	if err := f.svc.Domicile(ctx, orgA, mediator, m.ID, "France Services\r\n12 rue Michel Servet\r\n69100 Villeurbanne"); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.DomiciliationOf(ctx, person)
	if err != nil || d == nil {
		t.Fatalf("domiciliation = %+v, %v", d, err)
	}
	if got := d.PostalLines("France Services de Villeurbanne"); len(got) != 5 || got[0] != "Camille Martin" ||
		got[1] != "Chez France Services de Villeurbanne" || got[4] != "69100 Villeurbanne" {
		t.Errorf("postal lines = %q", got)
	}
	out := &fakeNotifier{}
	n := f.svc.Redirect(out)
	ev := notify.Event{Kind: notify.DossierReceived, Recipient: notify.Recipient{UserID: person}, IdempotencyKey: "k"}
	if err := n.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	ev.Recipient = notify.Recipient{UserID: person + 1}
	n.Notify(ctx, ev)
	if got := out.events[0].Recipient; got.HelpOrgID != orgA || got.ForPerson != "Camille Martin" || got.UserID != 0 {
		t.Errorf("the domiciled person's message goes to %+v", got)
	}
	if got := out.events[1].Recipient; got.UserID != person+1 {
		t.Errorf("another person's message goes to %+v", got)
	}
	if err := f.svc.EndDomiciliation(ctx, person, orgB, mediator); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure ends it: %v", err)
	}
	if err := f.svc.EndDomiciliation(ctx, person, 0, person); err != nil {
		t.Fatal(err)
	}
	if d, _ := f.svc.DomiciliationOf(ctx, person); d != nil {
		t.Error("still domiciled")
	}
	if v := f.verify(); v.Entries != 3 || v.Broken != nil {
		t.Errorf("journal = %+v", v)
	}
}

func TestSweepForgetsTheActingOfSessionsLongOver(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(365, "papiers")
	if _, err := f.svc.StartActing(ctx, "old", mediator, orgA, m.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(day(6))
	if _, err := f.svc.StartActing(ctx, "recent", mediator, orgA, m.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(day(2))
	if _, _, err := f.svc.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.ActingOf(ctx, "old", mediator); got != nil {
		t.Error("a session a week old still acts")
	}
	if got, _ := f.svc.ActingOf(ctx, "recent", mediator); got == nil {
		t.Error("a recent session no longer acts")
	}
}
