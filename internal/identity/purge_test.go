package identity

import (
	"testing"
	"time"
)

func TestPurge(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	count := func(table string) int {
		var n int
		if err := f.db.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Fractions of seconds make sure SQLite compares the stored times as
	// times, not as shorter and longer strings.
	f.clock.Advance(1500 * time.Millisecond)
	idle, _ := f.svc.CreateSession(f.ctx, u.ID, "", "")
	f.clock.Advance(29*time.Minute + 59*time.Second + 999*time.Millisecond)
	f.svc.RequestPasswordReset(f.ctx, u.Email, "203.0.113.5")
	f.svc.Authenticate(f.ctx, u.Email, "mauvais mot de passe", "203.0.113.5")
	live, _ := f.svc.CreateSession(f.ctx, u.ID, "", "")

	if n, err := f.svc.Purge(f.ctx); err != nil || n != 0 {
		t.Fatalf("nothing is old yet: purged %d, %v", n, err)
	}
	f.clock.Advance(2 * time.Millisecond) // the first session is now idle 30 min
	if n, err := f.svc.Purge(f.ctx); err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want the idle session", n, err)
	}
	if _, _, err := f.svc.SessionByToken(f.ctx, live); err != nil {
		t.Errorf("live session purged: %v", err)
	}
	if _, _, err := f.svc.SessionByToken(f.ctx, idle); err == nil {
		t.Error("idle session still works")
	}
	if n := count("login_throttle"); n != 4 {
		t.Errorf("got %d throttle rows, want 4 (reset and sign-in, by address and IP)", n)
	}
	f.clock.Advance(61 * time.Minute)
	if _, err := f.svc.Purge(f.ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"sessions", "password_resets", "login_throttle"} {
		if n := count(table); n != 0 {
			t.Errorf("%s keeps %d rows once all expired", table, n)
		}
	}
}
