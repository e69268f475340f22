package webhooks

import (
	"log/slog"
	"net/http"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/secretbox"
)

// JobKind is the kind of the jobs that deliver events.
const JobKind = "webhooks.deliver"

// IDKeyPurpose names the key derived from the instance key for Options.IDKey.
const IDKeyPurpose = "webhooks-message-id"

// Defaults of the Options a Service leaves zero.
const (
	// DefaultTimeout bounds one try, from dialling to the end of the
	// answer's headers: a receiver that takes longer is tried again later.
	DefaultTimeout = 10 * time.Second
	// RetryFor is how long an event is tried before it is given up.
	RetryFor = 72 * time.Hour
	// MaxEndpoints bounds the endpoints of one organisation.
	MaxEndpoints = 20
)

// Options tune a Service.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Box seals the endpoints' secrets and the deliveries' bodies
	// (required).
	Box *secretbox.Box
	// IDKey makes the webhook-id of events unique to this instance
	// (secretbox.Derive of the instance key with IDKeyPurpose); tests may
	// leave it nil.
	IDKey []byte
	// Jobs is the queue deliveries run on: New registers the handler.
	// Nil in a process that only registers endpoints (the command line).
	Jobs *jobs.Queue
	// AllowPrivate lets endpoints be on loopback, private and link-local
	// addresses: for tests and development only (--webhook-allow-private).
	AllowPrivate bool
	// Timeout bounds one try; DefaultTimeout when zero.
	Timeout time.Duration
	// Logger receives what cannot be shown on a page; slog.Default when nil.
	Logger *slog.Logger
	// Backoff returns the wait after the given failed try (1 for the
	// first); Backoff (this package's) when nil.
	Backoff func(attempt int) time.Duration
}

// Service registers endpoints and delivers events. It is safe for
// concurrent use; build one per process.
type Service struct {
	db     *database.DB
	opts   Options
	clock  func() time.Time
	audit  *audit.Log
	client *http.Client
}

// New returns the webhooks service over db, whose migrations have run, and
// registers its delivery handler on opts.Jobs.
func New(db *database.DB, opts Options) *Service {
	if opts.Box == nil {
		panic("webhooks: Options.Box is required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Backoff == nil {
		opts.Backoff = Backoff
	}
	s := &Service{db: db, opts: opts, clock: opts.Now, audit: audit.New(db, opts.Now)}
	s.client = newClient(opts.Timeout, opts.AllowPrivate)
	if opts.Jobs != nil {
		opts.Jobs.Register(JobKind, s.handle)
	}
	return s
}

// AllowsPrivate tells whether this instance accepts endpoints on private
// networks, which the pages say.
func (s *Service) AllowsPrivate() bool { return s.opts.AllowPrivate }

// now returns the time to store: UTC, to the microsecond both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
