package consent

import (
	"context"
	"testing"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/testkit"
)

var qf = Grant{Party: "caf", PartyName: "la CAF", Category: "quotient-familial", CategoryName: "quotient familial",
	Purpose: PurposePrefill, LegalBasis: BasisConsent}

func TestGiveWithdrawAndTheRegisterKeepsBoth(t *testing.T) {
	t.Parallel()
	clock := testkit.NewClock(testkit.Start)
	s := New(dbtest.Open(t), Options{Now: clock.Now})
	ctx := context.Background()
	allows := func(user int64) bool {
		t.Helper()
		ok, err := s.Allows(ctx, user, "caf", "quotient-familial", PurposePrefill)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if allows(7) {
		t.Fatal("allowed before any consent")
	}
	for range 2 { // giving twice keeps one record
		if err := s.Give(ctx, 7, qf); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.OfPerson(ctx, 7)
	if err != nil || len(list) != 1 || !list[0].Active() || list[0].LegalBasis != BasisConsent {
		t.Fatalf("register %+v, %v", list, err)
	}
	if !allows(7) || allows(8) {
		t.Fatal("consent of 7 does not allow 7, or allows 8")
	}
	if err := s.Withdraw(ctx, 8, list[0].ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person withdrew it: %v", err)
	}
	clock.Advance(3600e9)
	if err := s.Withdraw(ctx, 7, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if allows(7) {
		t.Error("a withdrawn consent still allows")
	}
	if err := s.Withdraw(ctx, 7, list[0].ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("withdrawn twice: %v", err)
	}
	list, _ = s.OfPerson(ctx, 7)
	if len(list) != 1 || list[0].Active() || !list[0].RevokedAt.After(list[0].GrantedAt) {
		t.Errorf("register after withdrawal %+v", list)
	}
}
