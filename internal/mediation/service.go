package mediation

import (
	"context"
	"time"

	"guichet/internal/database"
	"guichet/internal/notify"
)

// Notifier sends the expiry notices; *notify.Service is one.
type Notifier interface {
	Notify(ctx context.Context, e notify.Event) error
}

// Options give a Service its clock, its attestation key and its notifier.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Key signs the attestations (HMAC-SHA256). Derive it from the instance
	// key with secretbox.Derive(key, AttestationKeyPurpose): the same on
	// every node, and unknown to whoever only reads the database.
	Key []byte
	// Notify sends the expiry notices; nil in processes that send none.
	Notify Notifier
	// BaseURL is Guichet's address, for the links of the notices and of the
	// attestations' QR codes.
	BaseURL string
	// OrgName names a structure in the notices; "votre structure d'aide"
	// when nil.
	OrgName func(ctx context.Context, id int64) (string, error)
	// NewPerson makes a person record without login for someone the
	// structure acts for who has no Guichet account, joining the caller's
	// transaction (identity.Service.CreatePersonRecord). Without it, such a
	// person cannot be acted for.
	NewPerson func(ctx context.Context, name string) (int64, error)
}

// AttestationKeyPurpose is the label under which the attestation key is
// derived from the instance key.
const AttestationKeyPurpose = "guichet mediation attestation v1"

// Service keeps the mandates and their journal. It is safe for concurrent
// use; build one per process.
type Service struct {
	db        *database.DB
	clock     func() time.Time
	key       []byte
	notify    Notifier
	baseURL   string
	orgNames  func(ctx context.Context, id int64) (string, error)
	newPerson func(ctx context.Context, name string) (int64, error)
}

// New returns the mediation service over db.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, key: opts.Key, notify: opts.Notify, baseURL: opts.BaseURL,
		orgNames: opts.OrgName, newPerson: opts.NewPerson}
	if s.clock == nil {
		s.clock = time.Now
	}
	return s
}

// now returns the time to store: UTC, to the microsecond both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
