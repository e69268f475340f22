package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/profile"
	"guichet/internal/testkit"
)

// TestDemoProfileKeepsWhatTheVisitorChanged loads the demo profile, lets
// the visitor change their address, and loads it again: the change stays.
func TestDemoProfileKeepsWhatTheVisitorChanged(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := identity.NewService(db, testkit.Box(t), identity.Config{BaseURL: "http://guichet.test", Issuer: "Guichet"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	prof := profile.New(db, profile.Options{Box: testkit.Box(t)})
	if err := LoadProfile(ctx, prof, ids); err != nil {
		t.Fatal(err)
	}
	citizen, _ := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err := prof.Declare(ctx, citizen.ID, profile.Address, profile.Values(profile.Address, func(k string) string {
		return map[string]string{"street": "1 place Lazare Goujon", "postcode": "69100", "town": "Villeurbanne"}[k]
	})); err != nil {
		t.Fatal(err)
	}
	if err := LoadProfile(ctx, prof, ids); err != nil {
		t.Fatal(err)
	}
	p, err := prof.Get(ctx, citizen.ID)
	if err != nil || len(p) != 5 {
		t.Fatalf("demo profile = %v, %v", p, err)
	}
	if p[profile.Address].Value.Address.Street != "1 place Lazare Goujon" || p[profile.Family].Source.Org != "la CAF" {
		t.Errorf("demo profile after a second load: %+v", p)
	}
}
