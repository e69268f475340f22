package identity

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

func TestSessionLifetime(t *testing.T) {
	tests := []struct {
		name  string
		steps []time.Duration // clock advances, each followed by a use of the session
		alive bool            // after the last step
	}{
		{"fresh", []time.Duration{0}, true},
		{"just under idle", []time.Duration{29*time.Minute + 59*time.Second}, true},
		{"idle", []time.Duration{30 * time.Minute}, false},
		{"kept alive by use", []time.Duration{20 * time.Minute, 20 * time.Minute, 20 * time.Minute}, true},
		{"use within a minute does not renew", []time.Duration{29 * time.Minute, 59 * time.Second, 29*time.Minute + 30*time.Second}, false},
		{"absolute end despite use", stepsOf(25*time.Minute, 28), true},
		{"past absolute end", stepsOf(25*time.Minute, 29), false}, // 29 × 25 min > 12 h
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			u := f.citizen(t, "camille@exemple.fr")
			token, err := f.svc.CreateSession(f.ctx, u.ID, "203.0.113.9", "Firefox")
			if err != nil {
				t.Fatal(err)
			}
			var lastErr error
			for i, d := range tt.steps {
				f.clock.Advance(d)
				_, _, lastErr = f.svc.SessionByToken(f.ctx, token)
				if lastErr != nil && i < len(tt.steps)-1 {
					t.Fatalf("step %d: %v", i, lastErr)
				}
			}
			if tt.alive {
				if lastErr != nil {
					t.Fatalf("got %v, want the session alive", lastErr)
				}
				return
			}
			wantKind(t, lastErr, errs.Unauthorized)
			var n int
			f.db.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n)
			if n != 0 {
				t.Errorf("the expired session is still stored (%d rows)", n)
			}
		})
	}
}

func stepsOf(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

func TestSessionByToken(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	token, err := f.svc.CreateSession(f.ctx, u.ID, "203.0.113.9", "Firefox")
	if err != nil {
		t.Fatal(err)
	}
	if len(token) != 43 {
		t.Errorf("token %q is not 32 bytes in base64url", token)
	}
	var stored string
	f.db.QueryRowContext(f.ctx, `SELECT id_hash FROM sessions`).Scan(&stored)
	if stored == token || stored != hashToken(token) {
		t.Errorf("stored %q, want the SHA-256 of the token", stored)
	}
	f.clock.Advance(2 * time.Minute)
	ss, su, err := f.svc.SessionByToken(f.ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	want := &Session{ID: stored, UserID: u.ID, CreatedAt: start, LastSeenAt: start.Add(2 * time.Minute),
		ExpiresAt: start.Add(12 * time.Hour), IP: "203.0.113.9", UserAgent: "Firefox"}
	if diff := cmp.Diff(want, ss); diff != "" {
		t.Errorf("session (-want +got):\n%s", diff)
	}
	if su.ID != u.ID || su.Email != u.Email {
		t.Errorf("user: got %+v", su)
	}
	for _, bad := range []string{"", "x", token + "x", stored} {
		_, _, err := f.svc.SessionByToken(f.ctx, bad)
		wantKind(t, err, errs.Unauthorized)
	}

	if err := f.svc.MarkSecondFactor(f.ctx, token); err != nil {
		t.Fatal(err)
	}
	ss, _, _ = f.svc.SessionByToken(f.ctx, token)
	if ss.SecondFactorAt == nil || !ss.SecondFactorAt.Equal(start.Add(2*time.Minute)) {
		t.Errorf("second factor at %v, want %v", ss.SecondFactorAt, start.Add(2*time.Minute))
	}
	wantKind(t, f.svc.MarkSecondFactor(f.ctx, "inconnu"), errs.Unauthorized)
}

func TestDeleteSessions(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	other := f.citizen(t, "karim@exemple.fr")
	var tokens []string
	for _, ua := range []string{"Firefox", "Chrome", "Safari", "Lynx"} {
		token, err := f.svc.CreateSession(f.ctx, u.ID, "", ua)
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, token)
		f.clock.Advance(time.Minute)
		f.svc.SessionByToken(f.ctx, token)
	}
	otherToken, _ := f.svc.CreateSession(f.ctx, other.ID, "", "Edge")

	list, err := f.svc.Sessions(f.ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	var agents []string
	for _, s := range list {
		agents = append(agents, s.UserAgent)
	}
	if diff := cmp.Diff([]string{"Lynx", "Safari", "Chrome", "Firefox"}, agents); diff != "" {
		t.Errorf("sessions, most recent first (-want +got):\n%s", diff)
	}

	// Sign-out.
	if err := f.svc.DeleteSession(f.ctx, tokens[3]); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteSession(f.ctx, tokens[3]); err != nil {
		t.Errorf("signing out twice: %v", err)
	}
	// Revoking by ID: not someone else's.
	wantKind(t, f.svc.DeleteSessionByID(f.ctx, other.ID, hashToken(tokens[2])), errs.NotFound)
	if err := f.svc.DeleteSessionByID(f.ctx, u.ID, hashToken(tokens[2])); err != nil {
		t.Fatal(err)
	}
	// Everything but this browser.
	if err := f.svc.DeleteOtherSessions(f.ctx, u.ID, tokens[0]); err != nil {
		t.Fatal(err)
	}
	for i, token := range tokens {
		_, _, err := f.svc.SessionByToken(f.ctx, token)
		if alive := err == nil; alive != (i == 0) {
			t.Errorf("session %d alive = %v (%v)", i, alive, err)
		}
	}
	if _, _, err := f.svc.SessionByToken(f.ctx, otherToken); err != nil {
		t.Errorf("another user's session was closed: %v", err)
	}
	want := []string{EventAccountCreated, EventSignOut, EventSessionRevoked, EventSessionRevoked}
	if diff := cmp.Diff(want, f.events(t, u.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
}

func TestSessionOfDisabledAccount(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	token, _ := f.svc.CreateSession(f.ctx, u.ID, "", "")
	if _, err := f.db.ExecContext(f.ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, start, u.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.svc.SessionByToken(f.ctx, token)
	wantKind(t, err, errs.Unauthorized)
	_, err = f.svc.Authenticate(f.ctx, u.Email, goodPassword, "")
	wantKind(t, err, errs.Invalid)
}
