package changes

import (
	"context"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/profile"
	"guichet/internal/secretbox"
)

// Procedure is the slug of the online procedure that declares a new address.
const Procedure = "changement-adresse"

// JobKind names the jobs that deliver a change to one administration.
const JobKind = "changes.deliver"

// EventProfileChanged is the webhook event type of a change.
const EventProfileChanged = "profile.changed"

// Recipients are the administrations a change may be sent to, by slug, in
// the order the form lists them, with their name in a sentence.
var Recipients = []Recipient{
	{"caf", "la CAF"}, {"cpam", "l'Assurance maladie (CPAM)"}, {"france-travail", "France Travail"},
	{"dgfip", "les impôts (DGFiP)"}, {"assurance-retraite", "l'Assurance retraite"},
	{"ants", "l'Agence nationale des titres sécurisés (ANTS)"},
}

// Recipient is an administration a change may go to.
type Recipient struct{ Slug, Name string }

// Event is what an administration's webhook receives: the change, never
// more than it needs.
type Event struct {
	Type        string            `json:"type"`
	ChangeID    int64             `json:"change_id"`
	Reference   string            `json:"reference"`
	Kind        string            `json:"kind"`
	Address     map[string]string `json:"address"`
	EffectiveOn string            `json:"effective_on"`
	Person      map[string]string `json:"person"`
}

// Options are what a Service needs.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now       func() time.Time
	Box       *secretbox.Box // required: seals the new value
	Profile   *profile.Service
	AccessLog *accesslog.Log
	// Queue runs the deliveries; New registers JobKind on it. nil in tests
	// that call Deliver themselves.
	Queue *jobs.Queue
	// OrgID finds an administration by slug (required).
	OrgID func(ctx context.Context, slug string) (int64, error)
	// Deliver hands a change to an administration's own system when it
	// has one; nil means the agents' queue only, which cannot fail.
	Deliver func(ctx context.Context, orgID int64, e Event) error
	// Publish is where the webhooks module plugs in: it is called in the
	// transaction of Dispatch, once per administration, with the event to
	// publish as `profile.changed`. nil until the webhooks module is wired.
	Publish func(ctx context.Context, orgID int64, e Event) error
}

// Service keeps the changes and their deliveries. It is safe for concurrent use.
type Service struct {
	db   *database.DB
	opts Options
}

// New returns the changes service over db, whose migrations have run, and
// registers the delivery jobs on opts.Queue.
func New(db *database.DB, opts Options) *Service {
	if opts.Box == nil || opts.Profile == nil || opts.AccessLog == nil || opts.OrgID == nil {
		panic("changes: box, profile, access log and organisations are required")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Service{db: db, opts: opts}
	if opts.Queue != nil {
		opts.Queue.Register(JobKind, s.deliverJob)
	}
	return s
}

func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// RecipientName names an administration of Recipients in a sentence; the
// slug itself when unknown.
func RecipientName(slug string) string {
	for _, r := range Recipients {
		if r.Slug == slug {
			return r.Name
		}
	}
	return slug
}
