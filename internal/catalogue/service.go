package catalogue

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"guichet/internal/database"
	"guichet/internal/eligibility"
	"guichet/internal/secretbox"
)

// DefaultCheckEvery is how often a node asks the database whether the catalogue changed:
// often enough that an edit shows everywhere within a second or two, rarely enough that the
// question costs nothing.
const DefaultCheckEvery = time.Second

// Options tune a Service. The zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Box seals the "Mes droits" answers a person keeps. Without it, keeping them is refused.
	Box *secretbox.Box
	// CheckEvery bounds how often the catalogue version is read; DefaultCheckEvery when zero.
	CheckEvery time.Duration
	// Rules compiles eligibility rules; a new engine when nil.
	Rules *eligibility.Engine
	// Logger receives the failures that do not stop a page (a failed version check).
	Logger *slog.Logger
}

// Service stores the catalogue and serves its public snapshot. It is safe for concurrent use;
// build one per process.
type Service struct {
	db         *database.DB
	rules      *eligibility.Engine
	box        *secretbox.Box
	clock      func() time.Time
	checkEvery time.Duration
	logger     *slog.Logger

	// refreshing is held by the one request that reads the version and rebuilds the snapshot;
	// the others keep serving the snapshot they have.
	refreshing sync.Mutex
	snap       atomic.Pointer[Snapshot]
	// checkedAt is when the version was last read, in Unix nanoseconds.
	checkedAt atomic.Int64
	// stale is set by a write of this node: the next Snapshot rebuilds (see changed).
	stale atomic.Bool
}

// New returns the catalogue service over db, whose migrations have run.
func New(db *database.DB, opts Options) (*Service, error) {
	s := &Service{db: db, rules: opts.Rules, box: opts.Box, clock: opts.Now,
		checkEvery: opts.CheckEvery, logger: opts.Logger}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.checkEvery <= 0 {
		s.checkEvery = DefaultCheckEvery
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.rules == nil {
		rules, err := eligibility.NewEngine()
		if err != nil {
			return nil, fmt.Errorf("eligibility engine: %w", err)
		}
		s.rules = rules
	}
	return s, nil
}

// Rules returns the engine that compiles the procedures' eligibility rules.
func (s *Service) Rules() *eligibility.Engine { return s.rules }

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// Editor is a person editing procedures on behalf of one organisation. The web layer checks
// that the person owns procedures there; the service checks that each procedure belongs to
// that organisation.
type Editor struct {
	UserID int64 // UserID is 0 for the system (demo loading).
	OrgID  int64
}

// authorArg is the author column of a row written by ed: NULL for the system.
func (ed Editor) authorArg() any {
	if ed.UserID == 0 {
		return nil
	}
	return ed.UserID
}
