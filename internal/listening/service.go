package listening

import (
	"time"

	"guichet/internal/database"
)

// Options tune a Service. The zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Service stores feedback and enforces its limits. It is safe for
// concurrent use; internal/app builds one and hands it to the pages and
// the API.
type Service struct {
	db    *database.DB
	clock func() time.Time
}

// New returns the listening service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	return s
}

// now returns the time to store: UTC, to the microsecond, which both
// databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
