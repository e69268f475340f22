package identity

import (
	"testing"
)

// TestAPersonRecordCannotSignInAndOutlivesThePurge: a record made for
// someone without an account has no password, an address nobody reads,
// no session that works, and stays after the purge of unproved accounts.
func TestAPersonRecordCannotSignInAndOutlivesThePurge(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.CreatePersonRecord(f.ctx, "  "); err == nil {
		t.Error("a record without a name was made")
	}
	id, err := f.svc.CreatePersonRecord(f.ctx, "Awa Diallo")
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.svc.UserByID(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Awa Diallo" || u.HasPassword || !IsPersonRecord(u.Email) || u.IsStaff() {
		t.Errorf("record = %+v", u)
	}
	if _, err := f.svc.Authenticate(f.ctx, u.Email, "", "192.0.2.1"); err == nil {
		t.Error("a person record signed in")
	}
	if tok, err := f.svc.CreateSession(f.ctx, id, "192.0.2.1", "test"); err == nil {
		if _, _, err := f.svc.SessionByToken(f.ctx, tok); err == nil {
			t.Error("a person record's session works")
		}
	}
	f.clock.Advance(30 * 24 * 3600e9)
	if _, err := f.svc.Purge(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.UserByID(f.ctx, id); err != nil {
		t.Errorf("the purge removed the record: %v", err)
	}
	other, err := f.svc.CreatePersonRecord(f.ctx, "Awa Diallo")
	if err != nil || other == id {
		t.Errorf("a second person of the same name = %d, %v", other, err)
	}
}
