package profile

import (
	"context"
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
	// OnChange, when set, is called in the transaction of every change of
	// a person's profile (ctx carries it), so that what depends on the
	// profile (internal/rights' suggestions) is evaluated again.
	OnChange func(ctx context.Context, userID int64) error
}

// Service stores profiles. It is safe for concurrent use; build one per process.
type Service struct {
	db       *database.DB
	onChange func(ctx context.Context, userID int64) error
	box      *secretbox.Box
	clock    func() time.Time
	audit    *audit.Log
}

// New returns the profile service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	if opts.Box == nil {
		panic("profile: a secret box is required")
	}
	s := &Service{db: db, box: opts.Box, clock: opts.Now, onChange: opts.OnChange}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
