package profile

import (
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// Options tune a Service.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Box seals the values (required).
	Box *secretbox.Box
}

// Service stores profiles. It is safe for concurrent use; build one per process.
type Service struct {
	db    *database.DB
	box   *secretbox.Box
	clock func() time.Time
	audit *audit.Log
}

// New returns the profile service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	if opts.Box == nil {
		panic("profile: a secret box is required")
	}
	s := &Service{db: db, box: opts.Box, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
