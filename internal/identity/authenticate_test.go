package identity

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"guichet/internal/errs"
)

func TestAuthenticate(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	tests := []struct {
		name, email, password string
		wantErr               errs.Kind
	}{
		{"right", "camille@exemple.fr", goodPassword, 0},
		{"capitals and spaces in address", "  Camille@Exemple.FR", goodPassword, 0},
		{"wrong password", "camille@exemple.fr", "pas le bon mot de passe", errs.Invalid},
		{"unknown address", "personne@exemple.fr", goodPassword, errs.Invalid},
		{"empty password", "camille@exemple.fr", "", errs.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.svc.Authenticate(f.ctx, tt.email, tt.password, "203.0.113.7")
			if tt.wantErr == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if got.ID != u.ID {
					t.Errorf("got user %d, want %d", got.ID, u.ID)
				}
				return
			}
			wantKind(t, err, tt.wantErr)
			if msg := errs.MessageOf(err); msg != "L'adresse e-mail ou le mot de passe ne sont pas bons. Vérifiez-les et réessayez." {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestAuthenticateThrottlesAccount(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	fail := func(ip string) error {
		_, err := f.svc.Authenticate(f.ctx, u.Email, "mauvais mot de passe", ip)
		return err
	}
	for i := 1; i <= 4; i++ {
		wantKind(t, fail(fmt.Sprintf("198.51.100.%d", i)), errs.Invalid)
	}
	// The fifth failure locks the account, from whatever address.
	err := fail("198.51.100.5")
	wantKind(t, err, errs.TooMany)
	if got, want := errs.MessageOf(err), "Trop d'essais. Par sécurité, attendez 30 secondes avant de réessayer."; got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
	f.clock.Advance(10 * time.Second)
	_, err = f.svc.Authenticate(f.ctx, u.Email, goodPassword, "198.51.100.6")
	wantKind(t, err, errs.TooMany)
	if !strings.Contains(errs.MessageOf(err), "attendez 20 secondes") {
		t.Errorf("message %q does not give the 20 seconds left", errs.MessageOf(err))
	}
	f.clock.Advance(20 * time.Second)
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, "198.51.100.6"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}

	// Success forgot the failures: four more are allowed, the fifth locks
	// for 30 s again.
	for i := 1; i <= 4; i++ {
		wantKind(t, fail(""), errs.Invalid)
	}
	wantKind(t, fail(""), errs.TooMany)
	f.clock.Advance(31 * time.Second)
	// Without success the next lock doubles.
	for i := 1; i <= 4; i++ {
		wantKind(t, fail(""), errs.Invalid)
	}
	err = fail("")
	if !strings.Contains(errs.MessageOf(err), "attendez 1 minute ") {
		t.Errorf("second lock: got %q, want a 1 minute wait", errs.MessageOf(err))
	}
	want := []string{EventSignInFailed, EventSignInThrottled, EventSignIn}
	got := f.events(t, u.ID)
	for _, w := range want {
		if !strings.Contains(strings.Join(got, " "), w) {
			t.Errorf("audit events %v lack %s", got, w)
		}
	}
}

func TestAuthenticateThrottlesIP(t *testing.T) {
	f := newFixture(t)
	f.svc.cfg.Throttle.MaxFailuresPerIP = 6
	u := f.citizen(t, "camille@exemple.fr")
	const ip = "192.0.2.44"
	// Six different unknown addresses from one IP: the sixth locks the IP.
	for i := 1; i <= 5; i++ {
		_, err := f.svc.Authenticate(f.ctx, fmt.Sprintf("essai%d@exemple.fr", i), "mauvais mot de passe", ip)
		wantKind(t, err, errs.Invalid)
	}
	_, err := f.svc.Authenticate(f.ctx, "essai6@exemple.fr", "mauvais mot de passe", ip)
	wantKind(t, err, errs.TooMany)
	// Even a right password is not checked from that IP now…
	_, err = f.svc.Authenticate(f.ctx, u.Email, goodPassword, ip)
	wantKind(t, err, errs.TooMany)
	// …but the account itself is not locked elsewhere.
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, "192.0.2.45"); err != nil {
		t.Fatalf("from another IP: %v", err)
	}
	f.clock.Advance(30 * time.Second)
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, ip); err != nil {
		t.Fatalf("after the IP lock: %v", err)
	}
}

func TestThrottleWindowAndLocks(t *testing.T) {
	f := newFixture(t)
	key := throttle{key: "email:x@exemple.fr", max: 3}
	failN := func(n int) time.Duration {
		t.Helper()
		var wait time.Duration
		for range n {
			var err error
			if wait, err = f.svc.recordFailure(f.ctx, f.db, key); err != nil {
				t.Fatal(err)
			}
		}
		return wait
	}
	// Failures spread wider than the window never lock.
	for range 5 {
		if got := failN(2); got != 0 {
			t.Fatalf("got a lock of %v within the window's allowance", got)
		}
		f.clock.Advance(15 * time.Minute)
	}
	// Locks double: 30 s, 1 min, 2 min … up to 15 min.
	wants := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 15 * time.Minute, 15 * time.Minute}
	for i, want := range wants {
		if got := failN(3); got != want {
			t.Fatalf("lock %d: got %v, want %v", i+1, got, want)
		}
		f.clock.Advance(want)
	}
	// A quiet window after the last lock starts again from 30 s.
	f.clock.Advance(15 * time.Minute)
	if got := failN(3); got != 30*time.Second {
		t.Errorf("after a quiet window: got %v, want 30s", got)
	}
}

func TestFrenchDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    time.Duration
		want string
	}{
		{300 * time.Millisecond, "1 seconde"},
		{time.Second, "1 seconde"},
		{29*time.Second + time.Millisecond, "30 secondes"},
		{59 * time.Second, "59 secondes"},
		{60 * time.Second, "1 minute"},
		{61 * time.Second, "2 minutes"},
		{15 * time.Minute, "15 minutes"},
		{90 * time.Minute, "2 heures"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			if got := frenchDuration(tt.d); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
