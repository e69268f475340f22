package rights

import (
	"context"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/audit"
	"guichet/internal/catalogue"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/mediation"
	"guichet/internal/notify"
	"guichet/internal/profile"
)

// Options tune a Service. Every service is required but the clock.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now       func() time.Time
	Catalogue *catalogue.Service
	Profile   *profile.Service
	Consent   *consent.Service
	Mediation *mediation.Service
	AccessLog *accesslog.Log
	Notify    *notify.Service
	// Queue runs the evaluations and notices; New registers their
	// handlers on it. Without it, evaluations run at once and notices are
	// not sent (tests of the pages).
	Queue *jobs.Queue
	// BaseURL starts the links of the notices.
	BaseURL string
	// Applied, when set, returns the procedures the person already sent
	// a dossier for on Guichet: they are not missing those, so they are
	// not suggested.
	Applied func(ctx context.Context, userID int64) ([]string, error)
}

// Service keeps the suggestions. It is safe for concurrent use.
type Service struct {
	db    *database.DB
	opts  Options
	clock func() time.Time
	audit *audit.Log
	paris *time.Location
}

// New returns the service over db, whose migrations have run, and
// registers its jobs on opts.Queue.
func New(db *database.DB, opts Options) *Service {
	if opts.Catalogue == nil || opts.Profile == nil || opts.Consent == nil || opts.Mediation == nil ||
		opts.AccessLog == nil || opts.Notify == nil {
		panic("rights: the catalogue, profile, consent, mediation, access log and notify services are required")
	}
	s := &Service{db: db, opts: opts, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	s.paris = paris
	if opts.Queue != nil {
		opts.Queue.Register(EvaluateJob, s.evaluateJob)
		opts.Queue.Register(NoticeJob, s.noticeJob)
	}
	return s
}

// now returns the time to store: UTC, to the microsecond.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// wake tells the queue's workers that jobs wait, after a commit.
func (s *Service) wake() {
	if s.opts.Queue != nil {
		s.opts.Queue.Notify()
	}
}
