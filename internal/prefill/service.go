package prefill

import (
	"context"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/connectors"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/forms"
	"guichet/internal/profile"
	"guichet/internal/secretbox"
)

// Options are what a Service needs; all but Now and Connectors are required.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now       func() time.Time
	Box       *secretbox.Box
	Profile   *profile.Service
	Consent   *consent.Service
	AccessLog *accesslog.Log
	Forms     *forms.Service
	// Connectors are the administrations that can be asked, by name.
	Connectors []connectors.Connector
	// OrgID finds an organisation by slug, for the access log; nil or an
	// error leaves it 0.
	OrgID func(ctx context.Context, slug string) (int64, error)
	// Relations lists the slugs of the organisations the person has a
	// relation with (a dossier, a consent…), for a Choices field bound to
	// "profil:relations"; nil leaves such a field empty.
	Relations func(ctx context.Context, userID int64) ([]string, error)
	// CallTimeout bounds one connector call (5 s when zero).
	CallTimeout time.Duration
}

// Service pre-fills dossiers. It is safe for concurrent use; build one per process.
type Service struct {
	db   *database.DB
	opts Options
	by   map[string]connectors.Connector
}

// New returns the pre-filling service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	if opts.Box == nil || opts.Profile == nil || opts.Consent == nil || opts.AccessLog == nil || opts.Forms == nil {
		panic("prefill: box, profile, consent, access log and forms are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = 5 * time.Second
	}
	s := &Service{db: db, opts: opts, by: map[string]connectors.Connector{}}
	for _, c := range opts.Connectors {
		s.by[c.Name()] = c
	}
	return s
}

func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// Connectors lists the connectors in the order they were given.
func (s *Service) Connectors() []connectors.Connector { return s.opts.Connectors }

// Connector returns the connector of that name, nil when none.
func (s *Service) Connector(name string) connectors.Connector { return s.by[name] }
