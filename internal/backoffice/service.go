package backoffice

import (
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/dossiers"
)

// Options tune a Service. The zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Dossiers runs the changes of dossiers the agents make (taking,
	// assigning, deciding, one at a time or in bulk) and the expected
	// delays; required for them.
	Dossiers *dossiers.Service
}

// Service stores the teams and reads the queues. It is safe for
// concurrent use; build one per process.
type Service struct {
	db    *database.DB
	audit *audit.Log
	// access is the people's access log, written with every export.
	access *accesslog.Log
	dos    *dossiers.Service
	clock  func() time.Time
}

// New returns the back office service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, dos: opts.Dossiers}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	s.access = accesslog.New(db, accesslog.Options{Now: s.clock})
	return s
}

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
