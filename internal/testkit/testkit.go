// Package testkit holds what tests of every package share: a clock that
// only moves when told and a fixed secret key. It imports no module of
// Guichet (only the secret box), so that every module's own tests, and web
// and api, can use it; fresh databases come from database/dbtest. The demo organisations
// and accounts, which need the identity module, are in testkit/demokit.
package testkit

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"guichet/internal/secretbox"
)

// Start is the instant a Clock starts at unless told otherwise: a Monday
// morning, ten seconds into a 30-second TOTP step so that codes computed at
// Start stay valid while a test runs.
var Start = time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)

// Clock is a time source that only moves when a test moves it. It is safe
// for concurrent use, so a service and the test can share it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time; pass the method value (clock.Now) where a
// service takes a func() time.Time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t, backwards if need be.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Advance moves the clock forward by d and returns the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Key returns the fixed secret key of tests: never a real instance's key.
func Key() []byte { return bytes.Repeat([]byte{9}, secretbox.KeySize) }

// Box returns a secret box sealed with Key.
func Box(t testing.TB) *secretbox.Box {
	t.Helper()
	box, err := secretbox.New(Key())
	if err != nil {
		t.Fatal(err)
	}
	return box
}
