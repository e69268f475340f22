package forms

import (
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
)

// Options tune a Service. The zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Service stores the forms of procedures as versions. It is safe for concurrent use; build
// one per process.
type Service struct {
	db    *database.DB
	clock func() time.Time
	audit *audit.Log
	// published keeps the published versions CheckAnswers has read.
	published publishedCache
}

// New returns the forms service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// withClock gives the form the service's clock, which tells past from future dates.
func (s *Service) withClock(f *Form) *Form {
	f.now = s.clock
	return f
}
