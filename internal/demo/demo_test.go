package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// TestDisableAccountsForgetsTheDemoSIRET checks that a start without --demo
// leaves nothing of the demo that lets someone in: the accounts are off and
// the demo CAF no longer takes ProConnect agents with its made-up SIRET.
func TestDisableAccountsForgetsTheDemoSIRET(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ids := identity.NewService(dbtest.Open(t), testkit.Box(t), identity.Config{BaseURL: "http://guichet.test"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	n, err := DisableAccounts(ctx, ids)
	if err != nil || n != len(Accounts) {
		t.Fatalf("DisableAccounts = %d, %v; want %d accounts turned off", n, err, len(Accounts))
	}
	// Clearing again finds nothing: DisableAccounts already removed it.
	if cleared, err := ids.ClearProConnect(ctx, 0, DemoCAFSIRET); err != nil || cleared {
		t.Errorf("the demo SIRET is still set after DisableAccounts (cleared now = %v, %v)", cleared, err)
	}
}
