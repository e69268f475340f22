package identity

import (
	"fmt"
	"testing"
	"time"

	"guichet/internal/errs"
)

// TestKnownDeviceNotLockedOut: wrong passwords typed by someone else delay
// unknown browsers, never the owner's usual one.
func TestKnownDeviceNotLockedOut(t *testing.T) {
	f := newFixture(t)
	f.svc.cfg.Throttle.MaxFailuresPerIP = 6
	u := f.citizen(t, "camille@exemple.fr")
	device := f.svc.DeviceToken(u.ID)
	for i := range 10 {
		_, err := f.svc.Authenticate(f.ctx, u.Email, "mauvais mot de passe", fmt.Sprintf("198.51.100.%d", i))
		if err == nil {
			t.Fatal("a wrong password signed in")
		}
	}
	_, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, "203.0.113.9")
	wantKind(t, err, errs.TooMany)
	// From the owner's usual browser, even behind the same address as the
	// attacker, the right password works.
	if _, err := f.svc.AuthenticateOnDevice(f.ctx, u.Email, goodPassword, "198.51.100.1", device); err != nil {
		t.Fatalf("known device: %v", err)
	}
	// The token of another account, or a forged one, is an unknown device.
	other := f.citizen(t, "karim@exemple.fr")
	for i := range 5 {
		f.svc.Authenticate(f.ctx, u.Email, "mauvais mot de passe", fmt.Sprintf("192.0.2.%d", i))
	}
	for _, d := range []string{f.svc.DeviceToken(other.ID), "v1:forged", device + "x"} {
		_, err = f.svc.AuthenticateOnDevice(f.ctx, u.Email, goodPassword, "203.0.113.9", d)
		wantKind(t, err, errs.TooMany)
	}
	// A known device that keeps failing is delayed on its own.
	for range 5 {
		_, err = f.svc.AuthenticateOnDevice(f.ctx, u.Email, "mauvais mot de passe", "203.0.113.9", device)
	}
	wantKind(t, err, errs.TooMany)
	// A device token is good for a year.
	f.clock.Advance(time.Hour)
	old := f.svc.DeviceToken(other.ID)
	f.clock.Advance(366 * 24 * time.Hour)
	for i := range 5 {
		f.svc.Authenticate(f.ctx, other.Email, "mauvais mot de passe", fmt.Sprintf("192.0.2.%d", 50+i))
	}
	_, err = f.svc.AuthenticateOnDevice(f.ctx, other.Email, goodPassword, "203.0.113.9", old)
	wantKind(t, err, errs.TooMany)
}
