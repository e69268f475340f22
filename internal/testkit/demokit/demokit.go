// Package demokit gives tests the demo organisations and accounts of
// internal/demo, created through the identity module as `guichet serve
// --demo` creates them, and signed-in sessions for them. It sits apart from
// testkit because it needs the identity module, whose own tests use testkit.
package demokit

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/demo"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// BaseURL is the address of Guichet in tests.
const BaseURL = "http://guichet.test"

// Identity returns an identity service over db, sealed with the test key and
// telling time with now, holding the demo organisations and accounts.
func Identity(t testing.TB, db *database.DB, now func() time.Time) *identity.Service {
	t.Helper()
	ids := identity.NewService(db, testkit.Box(t), identity.Config{BaseURL: BaseURL, Issuer: "Guichet"}, now)
	if err := demo.LoadAccounts(context.Background(), ids); err != nil {
		t.Fatalf("demo accounts: %v", err)
	}
	return ids
}

// Session signs the demo account with that e-mail in, its second factor
// given when it is staff, and returns the session token.
func Session(t testing.TB, ids *identity.Service, email string) string {
	t.Helper()
	ctx := context.Background()
	u, err := ids.UserByEmail(ctx, email)
	if err != nil {
		t.Fatalf("demo account %s: %v", email, err)
	}
	token, err := ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if u.IsStaff() {
		if err := ids.MarkSecondFactor(ctx, token); err != nil {
			t.Fatal(err)
		}
	}
	return token
}
