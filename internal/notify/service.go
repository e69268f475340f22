package notify

import (
	"log/slog"
	"time"
	_ "time/tzdata" // so that Europe/Paris loads on machines without zoneinfo

	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/secretbox"
	"guichet/internal/sms"
)

type querier = database.Querier

// Options give a Service what it sends with. Mail and SMS may be nil in a
// process that only stores messages (their jobs then wait for a process
// that has them).
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Jobs is the queue the send jobs run on: New registers the handler
	// and Notify wakes it after a commit. Nil in tests that call Send.
	Jobs *jobs.Queue
	Mail mail.Sender
	SMS  sms.Provider
	// Box seals the phone numbers people give. Required for preferences.
	Box *secretbox.Box
	// Logger receives the failures of delivery receipts.
	Logger *slog.Logger
	// MaxAttempts bounds the sends of one message; DefaultMaxAttempts when 0.
	MaxAttempts int
}

// DefaultMaxAttempts is how many times a message is handed to its provider
// before it is a technical failure: with the jobs' backoff, about an hour
// and a half of trying.
const DefaultMaxAttempts = 10

// JobKind is the kind of the jobs that send messages.
const JobKind = "notify.send"

// Service stores and sends notifications. It is safe for concurrent use;
// build one per process.
type Service struct {
	db    *database.DB
	clock func() time.Time
	jobs  *jobs.Queue
	mail  mail.Sender
	sms   sms.Provider
	box   *secretbox.Box
	log   *slog.Logger
	max   int
	paris *time.Location
}

// New returns the notification service over db and registers its job
// handlers on opts.Jobs.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, jobs: opts.Jobs, mail: opts.Mail, sms: opts.SMS,
		box: opts.Box, log: opts.Logger, max: opts.MaxAttempts, paris: paris()}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.max <= 0 {
		s.max = DefaultMaxAttempts
	}
	if s.jobs != nil {
		s.jobs.Register(JobKind, s.Handle)
		s.jobs.Register(BatchJobKind, s.HandleBatch)
	}
	return s
}

// now returns the time to store: UTC, to the microsecond both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// paris loads Europe/Paris, whose quiet hours apply; the zone database is
// embedded (time/tzdata), and a fixed
// UTC+1 is the fallback that is never more than an hour off.
func paris() *time.Location {
	if loc, err := time.LoadLocation("Europe/Paris"); err == nil {
		return loc
	}
	return time.FixedZone("CET", 3600)
}
