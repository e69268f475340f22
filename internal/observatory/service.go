package observatory

import (
	"context"
	"time"

	"guichet/internal/audit"
	"guichet/internal/backoffice"
	"guichet/internal/database"
	"guichet/internal/listening"
	"guichet/internal/secretbox"
)

// Procedure is what the observatory needs to know of a published
// procedure; internal/app reads it from the catalogue.
type Procedure struct {
	Slug, Title string
	// Administration is the name of the organisation in charge,
	// AdministrationSlug its slug and OrgID its id.
	Administration, AdministrationSlug string
	OrgID                              int64
	Category                           string
	// OnGuichet: the procedure is done online on Guichet; OnlineElsewhere:
	// online on another site.
	OnGuichet, OnlineElsewhere bool
	Volume                     int64 // requests a year, as the catalogue says
}

// Options give a Service its sources. Procedures, Listening and Figures
// are required.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Procedures lists the published procedures.
	Procedures func(ctx context.Context) ([]Procedure, error)
	// Listening gives the feedback answers.
	Listening *listening.Service
	// Figures gives a procedure's processing figures (internal/backoffice).
	Figures interface {
		Figures(ctx context.Context, slug string, from, to time.Time) (*backoffice.Figures, error)
	}
	// Helped counts, per procedure slug, the dossiers sent and those a
	// mediator helped with, as [sent, helped]
	// (dossiers.Service.HelpedByProcedure); nil leaves that figure unknown.
	Helped func(ctx context.Context, from, to time.Time) (map[string][2]int, error)
	// OnceOnly counts, for a procedure with an online form, the questions
	// it asks and those a binding to the profile or a connector could have
	// filled but none does (prefill.Service.Indicator); ok is false when
	// the procedure has no published form. nil leaves the indicator unknown.
	OnceOnly func(ctx context.Context, slug string) (asked, unbound int, ok bool, err error)
	// SignIn tells whether people may sign in with an identity provider
	// (FranceConnect-style); nil means no.
	SignIn func() bool
	// Recipients gives the e-mail addresses an alert on a procedure of
	// organisation orgID goes to: its owners and the observatory; nil
	// sends none.
	Recipients func(ctx context.Context, orgID int64) ([]string, error)
	// Box seals the alert e-mails in the job queue (staff addresses).
	Box *secretbox.Box
	// BaseURL is the public address, for the links of the e-mails.
	BaseURL string
}

// Service computes, stores and reads the indicators. It is safe for
// concurrent use; internal/app builds one.
type Service struct {
	db    *database.DB
	audit *audit.Log
	opts  Options
	clock func() time.Time
	// timings holds the response times of this node not yet flushed.
	timings timings
	// cache holds the editions' values as last read.
	cache valuesCache
}

// New returns the observatory service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, opts: opts, clock: opts.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// now returns the time to store: UTC, to the microsecond.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

// Current is the edition of today.
func (s *Service) Current() Edition { return EditionOf(s.clock()) }
