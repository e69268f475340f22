package appointments

import (
	"context"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/notify"
	"guichet/internal/places"
	"guichet/internal/secretbox"
)

// Notifier sends the confirmations, reminders and cancellations;
// *notify.Service is one.
type Notifier interface {
	Notify(ctx context.Context, e notify.Event) error
}

// Options give a Service its clock, its sealing box, its notifier and what
// it needs to word the messages.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Box seals the people's phone numbers and e-mail addresses (required).
	Box *secretbox.Box
	// Key hashes the contacts, to count one person's bookings: derive it
	// with secretbox.Derive(key, ContactKeyPurpose), the same on every node.
	Key []byte
	// Notify sends the messages; nil in processes that send none.
	Notify Notifier
	// Places reads the places of slots, for their address (required).
	Places *places.Service
	// BaseURL is Guichet's address, for the links of the messages.
	BaseURL string
	// OrgName names a structure in the messages; "la structure d'aide" when nil.
	OrgName func(ctx context.Context, id int64) (string, error)
}

// Service keeps the slots and bookings. It is safe for concurrent use;
// build one per process.
type Service struct {
	db       *database.DB
	clock    func() time.Time
	box      *secretbox.Box
	notify   Notifier
	places   *places.Service
	baseURL  string
	orgNames func(ctx context.Context, id int64) (string, error)
	audit    *audit.Log
	key      []byte
}

// ContactKeyPurpose is the label under which the contact-hashing key is
// derived from the instance key.
const ContactKeyPurpose = "guichet appointments contact v1"

// New returns the appointments service over db.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, box: opts.Box, notify: opts.Notify, places: opts.Places,
		baseURL: opts.BaseURL, orgNames: opts.OrgName, key: opts.Key}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.clock() }

// now returns the time to store: UTC, to the microsecond both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

func (s *Service) orgName(ctx context.Context, id int64) string {
	if s.orgNames != nil {
		if n, err := s.orgNames(ctx, id); err == nil {
			return n
		}
	}
	return "la structure d'aide"
}
