package activity

import (
	"time"

	"guichet/internal/database"
	"guichet/internal/places"
)

// Options give a Service its clock and the places service, for the places
// of reports and their territory.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Places reads the structure's places (required).
	Places *places.Service
}

// Service keeps the activity reports and counts them. It is safe for
// concurrent use; build one per process.
type Service struct {
	db     *database.DB
	clock  func() time.Time
	places *places.Service
}

// New returns the activity service over db.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, places: opts.Places}
	if s.clock == nil {
		s.clock = time.Now
	}
	return s
}

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.clock() }

// now returns the time to store: UTC, to the microsecond both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// paris is the time zone of the days of reports.
var paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// Today returns the day of the clock in Paris, as YYYY-MM-DD.
func (s *Service) Today() string { return s.clock().In(paris).Format(dayLayout) }

const dayLayout = "2006-01-02"
