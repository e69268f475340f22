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
	med := mediation.New(db, mediation.Options{Key: testkit.Key()})
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
	v, err := mediation.VerifyJournal(ctx, db)
	if err != nil || v.Entries != 5 || v.Broken != nil {
		t.Errorf("journal = %+v, %v; want 5 entries intact", v, err)
	}
}
