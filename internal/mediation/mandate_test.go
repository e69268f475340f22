package mediation

import (
	"context"
	"testing"
	"time"

	"guichet/internal/errs"
)

func TestCreateGivesEveryProblemAtOnce(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.Create(context.Background(), Draft{OrgID: orgA, MediatorID: mediator, IdentifyBy: ByDocument,
		DocumentType: "cni", DocumentLast4: "123456789012", Categories: []string{"papiers", "lune"}, Days: 30,
		TextVersion: "v0"})
	got := map[string]bool{}
	for _, fe := range errs.FieldsOf(err) {
		got[fe.Field] = true
	}
	for _, want := range []string{"person_name", "document_last4", "categories", "days", "text_version", "consent"} {
		if !got[want] {
			t.Errorf("no problem on %s in %v", want, errs.FieldsOf(err))
		}
	}
	if _, err := f.svc.Create(context.Background(), Draft{OrgID: orgA, IdentifyBy: ByAccount, Categories: []string{"papiers"},
		Days: 1, TextVersion: TextVersion, Consent: true}); !hasField(err, "email") {
		t.Errorf("an unknown account must be refused on the e-mail field, got %v", err)
	}
}

func hasField(err error, name string) bool {
	for _, fe := range errs.FieldsOf(err) {
		if fe.Field == name {
			return true
		}
	}
	return false
}

func TestCreateByDocumentKeepsOnlyTheLastFourCharacters(t *testing.T) {
	f := newFixture(t)
	m, err := f.svc.Create(context.Background(), Draft{OrgID: orgA, MediatorID: mediator, IdentifyBy: ByDocument,
		PersonName: " Awa Diallo ", DocumentType: "passeport", DocumentLast4: "x7k2", Categories: []string{"social", "argent"},
		Days: 31, TextVersion: TextVersion, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.OfStructure(context.Background(), orgA, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PersonName != "Awa Diallo" || got.DocumentLast4 != "X7K2" || got.PersonUserID != 0 ||
		len(got.Categories) != 2 || got.Categories[0] != Social || got.Days != 31 ||
		!got.EndsAt.Equal(got.StartsAt.Add(day(31))) {
		t.Errorf("stored mandate = %+v", got)
	}
	if got.IdentifiedBy() != "Passeport se terminant par X7K2" {
		t.Errorf("IdentifiedBy = %q", got.IdentifiedBy())
	}
}

func TestAllowsChecksScopeDatesAndRevocation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers", "logement")
	now := f.clock.Now()
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Papiers, now.Add(time.Hour)); err != nil {
		t.Fatalf("in scope: %v", err)
	}
	if _, err := f.svc.AllowsFor(ctx, orgA, person, Logement, now.Add(time.Hour)); err != nil {
		t.Fatalf("in scope, by person: %v", err)
	}
	cases := []struct {
		name string
		org  int64
		cat  Category
		at   time.Time
		kind errs.Kind
	}{
		{"another category", orgA, Travail, now.Add(time.Hour), errs.Forbidden},
		{"before it begins", orgA, Papiers, now.Add(-time.Hour), errs.Forbidden},
		{"at its end", orgA, Papiers, now.Add(day(31)), errs.Forbidden},
		{"another structure", orgB, Papiers, now.Add(time.Hour), errs.NotFound},
	}
	for _, c := range cases {
		if _, err := f.svc.Allows(ctx, m.ID, c.org, c.cat, c.at); errs.KindOf(err) != c.kind {
			t.Errorf("%s: err = %v, want kind %v", c.name, err, c.kind)
		}
	}
	if _, err := f.svc.AllowsFor(ctx, orgB, person, Papiers, now.Add(time.Hour)); !errs.Is(err, errs.Forbidden) {
		t.Errorf("another structure, by person: %v", err)
	}
	f.clock.Advance(day(2))
	if err := f.svc.RevokeByPerson(ctx, person, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Papiers, f.clock.Now()); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after revocation: %v", err)
	}
	// What was allowed before the revocation stays so, for the record.
	if _, err := f.svc.Allows(ctx, m.ID, orgA, Papiers, now.Add(time.Hour)); err != nil {
		t.Errorf("before revocation: %v", err)
	}
	if _, err := f.svc.AllowsFor(ctx, orgA, person, Papiers, f.clock.Now()); !errs.Is(err, errs.Forbidden) {
		t.Errorf("after revocation, by person: %v", err)
	}
}

func TestRevokeOnlyByItsPersonOrItsStructure(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(365, "famille")
	if err := f.svc.RevokeByStructure(ctx, orgB, mediator, m.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure revoking: %v", err)
	}
	if _, err := f.svc.OfStructure(ctx, orgB, m.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure reading: %v", err)
	}
	if err := f.svc.RevokeByPerson(ctx, person+1, m.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person revoking: %v", err)
	}
	if err := f.svc.RevokeByStructure(ctx, orgA, mediator, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RevokeByPerson(ctx, person, m.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("revoking twice: %v", err)
	}
	got, _ := f.svc.OfPerson(ctx, person, m.ID)
	if got == nil || got.RevokedSide != SideStructure || got.StatusAt(f.clock.Now()) != Revoked {
		t.Errorf("after revocation: %+v", got)
	}
	entries, err := f.svc.EntriesAboutPerson(ctx, person, 10)
	if err != nil || len(entries) != 2 || entries[0].Event != EventRevoked || entries[1].Event != EventCreated {
		t.Errorf("person's journal = %+v, %v", entries, err)
	}
}
