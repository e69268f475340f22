package demo

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

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

// TestAccountHashes checks that each demo account's stored hash is the
// hash of its public password, with the parameters of every other account,
// and that the password would pass the policy: the two can never drift
// apart, and the demo signs in with the passwords it prints.
func TestAccountHashes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ids := identity.NewService(dbtest.Open(t), testkit.Box(t), identity.Config{BaseURL: "http://guichet.test"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	for _, a := range Accounts {
		t.Run(a.Email, func(t *testing.T) {
			if err := identity.CheckPasswordHash(a.PasswordHash); err != nil {
				t.Errorf("hash refused: %v", err)
			}
			if ok, err := identity.VerifyPassword(a.PasswordHash, a.Password); err != nil || !ok {
				t.Errorf("VerifyPassword(hash, %q) = %v, %v; want true", a.Password, ok, err)
			}
			if n := utf8.RuneCountInString(a.Password); n < identity.MinPasswordLength {
				t.Errorf("password %q has %d characters, the policy asks %d", a.Password, n, identity.MinPasswordLength)
			}
			if _, err := ids.Authenticate(ctx, a.Email, a.Password, "192.0.2.1"); err != nil {
				t.Errorf("sign-in with the printed password: %v", err)
			}
		})
	}
}
