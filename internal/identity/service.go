// Package identity holds Guichet's accounts, organisations and roles, and
// everything that proves who a person is: passwords, sessions, login
// throttling, TOTP second factor with recovery codes, password reset by
// e-mail, OpenID Connect sign-in for citizens, and the audit log of
// security events (DESIGN.md §3.8).
//
// Errors a person caused are *errs.Error values with a plain-French
// message; anything else is an internal error.
package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// Config tunes the service; zero fields take the defaults named beside them.
type Config struct {
	SessionIdle     time.Duration // a session unused this long ends (30 min)
	SessionAbsolute time.Duration // a session ends this long after sign-in whatever happens (12 h)
	ResetTTL        time.Duration // a password-reset link works this long (1 h)
	VerifyTTL       time.Duration // a link confirming an address works this long (48 h)
	BaseURL         string        // public address for links in e-mails, like "https://guichet.example"
	Issuer          string        // name shown in authenticator apps ("Guichet")
	Throttle        ThrottleConfig
}

// ThrottleConfig sets how failed attempts lock an account or an address.
type ThrottleConfig struct {
	MaxFailures      int           // failures per account within Window before a lock (5)
	Window           time.Duration // how long failures are counted (15 min)
	FirstLock        time.Duration // first lock; each further lock doubles it (30 s)
	MaxLock          time.Duration // the longest lock (15 min)
	MaxFailuresPerIP int           // failures per IP address within Window before a lock (30)
	MaxSignUpsPerIP  int           // sign-ups per IP address within Window before a lock (10)
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.SessionIdle, 30*time.Minute)
	def(&c.SessionAbsolute, 12*time.Hour)
	def(&c.ResetTTL, time.Hour)
	def(&c.VerifyTTL, 48*time.Hour)
	def(&c.Throttle.Window, 15*time.Minute)
	def(&c.Throttle.FirstLock, 30*time.Second)
	def(&c.Throttle.MaxLock, 15*time.Minute)
	if c.Throttle.MaxFailures <= 0 {
		c.Throttle.MaxFailures = 5
	}
	if c.Throttle.MaxFailuresPerIP <= 0 {
		c.Throttle.MaxFailuresPerIP = 30
	}
	if c.Throttle.MaxSignUpsPerIP <= 0 {
		c.Throttle.MaxSignUpsPerIP = 10
	}
	if c.Issuer == "" {
		c.Issuer = "Guichet"
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	return c
}

// Service runs the identity rules on the database. It is safe for
// concurrent use.
type Service struct {
	db    *database.DB
	box   *secretbox.Box
	cfg   Config
	clock func() time.Time
	audit *audit.Log

	// dummyHash is verified when an account does not exist, so that a
	// failed sign-in takes as long whether or not the address is known.
	dummyOnce sync.Once
	dummyHash string
}

// NewService returns a Service storing in db, sealing TOTP secrets with box,
// and reading the time from now (time.Now when nil).
func NewService(db *database.DB, box *secretbox.Box, cfg Config, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, box: box, cfg: cfg.withDefaults(), clock: now, audit: audit.New(db, now)}
}

// now returns the current time in UTC, to the microsecond that PostgreSQL
// keeps, so that both databases give back exactly what was written.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// newToken returns 32 random bytes as URL-safe text, for cookies and links.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken returns what the database keeps of a token: its SHA-256 in
// hex. Tokens are random and long, so a fast hash is enough; a stolen
// table then gives no usable cookie or link.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// utc gives times read back from the database in UTC (PostgreSQL returns
// them in the local zone).
func utc(t time.Time) time.Time { return t.UTC() }
