package mediation

import (
	"context"
	"testing"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// withRecords lets f's service make person records, as internal/app wires it.
func (f *fixture) withRecords() *identity.Service {
	f.t.Helper()
	ids := identity.NewService(f.db, testkit.Box(f.t), identity.Config{BaseURL: "http://guichet.test", Issuer: "Guichet"},
		f.clock.Now)
	f.svc = New(f.db, Options{Now: f.clock.Now, Key: testkit.Key(), Notify: f.sent, BaseURL: "http://guichet.test",
		NewPerson: ids.CreatePersonRecord})
	return ids
}

// documentMandate creates a mandate of Awa Diallo for orgA, identified by
// her identity card.
func (f *fixture) documentMandate(days int, cats ...string) *Mandate {
	f.t.Helper()
	m, err := f.svc.Create(context.Background(), Draft{OrgID: orgA, MediatorID: mediator, IdentifyBy: ByDocument,
		PersonName: "Awa Diallo", DocumentType: "cni", DocumentLast4: "4X2B", Categories: cats, Days: days,
		TextVersion: TextVersion, Consent: true})
	if err != nil {
		f.t.Fatalf("create mandate: %v", err)
	}
	return m
}

const address = "12 rue Jean Jaurès\n69100 Villeurbanne"

func TestActingForAPersonWithoutAnAccount(t *testing.T) {
	f := newFixture(t)
	ids := f.withRecords()
	ctx := context.Background()
	m := f.documentMandate(31, "argent", "travail")
	before, err := f.svc.Signature(m)
	if err != nil {
		t.Fatal(err)
	}
	// Without a record there is nobody to hold her dossiers yet.
	if _, err := f.svc.StartActing(ctx, "session-1", mediator, orgA, m.ID); !errs.Is(err, errs.Conflict) {
		t.Fatalf("acting before the record: %v", err)
	}
	if err := f.svc.Domicile(ctx, orgB, mediator, m.ID, address); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure domiciles her: %v", err)
	}
	if err := f.svc.Domicile(ctx, orgA, mediator, m.ID, address); err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.OfStructure(ctx, orgA, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.PersonRecord || got.PersonUserID == 0 {
		t.Fatalf("after domiciliation = %+v, want a person record", got)
	}
	u, err := ids.UserByID(ctx, got.PersonUserID)
	if err != nil || u.Name != "Awa Diallo" || u.HasPassword || !identity.IsPersonRecord(u.Email) {
		t.Errorf("record = %+v, %v", u, err)
	}
	// The attestation she holds still checks: the record changes nothing
	// she consented to.
	if after, _ := f.svc.Signature(got); after != before {
		t.Errorf("the record changed the attestation: %s, then %s", before, after)
	}
	if c, err := f.svc.CheckAttestation(ctx, m.ID, before); err != nil || c.Status != Active {
		t.Errorf("check after the record: %+v, %v", c, err)
	}
	dom, err := f.svc.DomiciliationOf(ctx, got.PersonUserID)
	if err != nil || dom == nil || dom.OrgID != orgA {
		t.Fatalf("domiciliation = %+v, %v", dom, err)
	}
	if lines := dom.PostalLines("France Services"); len(lines) != 4 || lines[1] != "Chez France Services" {
		t.Errorf("postal lines = %q", lines)
	}
	if _, err := f.svc.StartActing(ctx, "session-1", mediator, orgA, m.ID); err != nil {
		t.Fatalf("acting after the record: %v", err)
	}
	if a, err := f.svc.ActingOf(ctx, "session-1", mediator); err != nil || a == nil || a.PersonUserID != got.PersonUserID {
		t.Errorf("acting of = %+v, %v", a, err)
	}
	// Scope, dates and revocation hold as for anyone.
	now := f.clock.Now()
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Argent, now); err != nil {
		t.Errorf("in scope: %v", err)
	}
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Papiers, now); !errs.Is(err, errs.Forbidden) {
		t.Errorf("out of scope: %v", err)
	}
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Argent, now.Add(day(32))); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after the end: %v", err)
	}
	if err := f.svc.Record(ctx, nil, Action{MandateID: m.ID, ActorUserID: mediator, OrgID: orgA, Category: Argent,
		Event: "dossier.sent", Detail: "Déclaration envoyée"}); err != nil {
		t.Fatal(err)
	}
	// Her messages have no other address: the structure cannot drop her.
	if err := f.svc.EndDomiciliation(ctx, got.PersonUserID, orgA, mediator); !errs.Is(err, errs.Conflict) {
		t.Errorf("ending the only address: %v", err)
	}
	if err := f.svc.RevokeByStructure(ctx, orgA, mediator, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Argent, f.clock.Now()); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after revocation: %v", err)
	}
	if err := f.svc.Record(ctx, nil, Action{MandateID: m.ID, ActorUserID: mediator, OrgID: orgA, Category: Argent,
		Event: "dossier.sent", Detail: "Encore"}); !errs.Is(err, errs.Forbidden) {
		t.Errorf("an action after revocation was journaled: %v", err)
	}
	entries, err := f.svc.EntriesAboutPerson(ctx, got.PersonUserID, 50)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{EventRevoked, "dossier.sent", EventActingStarted, EventDomiciled, EventPersonRecorded}
	if len(entries) != len(want) {
		t.Fatalf("%d entries about her, want %d: %+v", len(entries), len(want), entries)
	}
	for i, e := range entries {
		if e.Event != want[i] || e.MandateID != m.ID {
			t.Errorf("entry %d = %s (mandate %d), want %s", i, e.Event, e.MandateID, want[i])
		}
	}
	if v := f.verify(); v.Broken != nil {
		t.Errorf("journal = %+v", v)
	}
}

func TestAPersonWithoutAnAccountNeedsRecordsWired(t *testing.T) {
	f := newFixture(t)
	m := f.documentMandate(31, "argent")
	if err := f.svc.Domicile(context.Background(), orgA, mediator, m.ID, address); !errs.Is(err, errs.Conflict) {
		t.Errorf("domiciled without records: %v", err)
	}
	got, _ := f.svc.OfStructure(context.Background(), orgA, m.ID)
	if got.PersonUserID != 0 || got.PersonRecord {
		t.Errorf("a failed domiciliation left %+v", got)
	}
}
