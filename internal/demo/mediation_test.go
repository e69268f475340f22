package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/mediation"
	"guichet/internal/testkit"
)

// TestDemoMandatesAndAnIntactJournal loads the demo mandates twice: the
// second time adds nothing, and the journal holds their events, chained.
func TestDemoMandatesAndAnIntactJournal(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := identity.NewService(db, testkit.Box(t), identity.Config{BaseURL: "http://guichet.test", Issuer: "Guichet"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	med := mediation.New(db, mediation.Options{Key: testkit.Key(), NewPerson: ids.CreatePersonRecord})
	for range 2 {
		if err := LoadMediation(ctx, med, ids); err != nil {
			t.Fatal(err)
		}
	}
	org, _ := ids.OrganisationBySlug(ctx, MandateOrg)
	list, err := med.ListOfStructure(ctx, org.ID, 10)
	if err != nil || len(list) != 3 {
		t.Fatalf("demo mandates = %d, %v", len(list), err)
	}
	citizen, _ := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if _, err := med.AllowsFor(ctx, org.ID, citizen.ID, mediation.Logement, time.Now()); err != nil {
		t.Errorf("the year-long demo mandate does not allow logement: %v", err)
	}
	// Awa Diallo, identified by her card, is domiciled and acted for
	// through a person record that cannot sign in.
	awa := list[0]
	if awa.PersonName != "Awa Diallo" || !awa.PersonRecord || awa.PersonUserID == 0 {
		t.Fatalf("Awa's mandate = %+v, want a person record", awa)
	}
	if dom, err := med.DomiciliationOf(ctx, awa.PersonUserID); err != nil || dom == nil || dom.OrgID != org.ID {
		t.Errorf("Awa's domiciliation = %+v, %v", dom, err)
	}
	if _, err := med.AllowsFor(ctx, org.ID, awa.PersonUserID, mediation.Argent, time.Now()); err != nil {
		t.Errorf("Awa's mandate does not allow argent: %v", err)
	}
	// created ×3, action, revoked, person record, domiciliation, action.
	v, err := mediation.VerifyJournal(ctx, db)
	if err != nil || v.Entries != 8 || v.Broken != nil {
		t.Errorf("journal = %+v, %v; want 8 entries intact", v, err)
	}
}
