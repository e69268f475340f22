package listening

import (
	"guichet/internal/filestore"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// Options tune a Service. The zero value is usable.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Box seals the e-mails authors leave and the messages written to
	// them; required to accept an experience with an e-mail.
	Box *secretbox.Box
	// BaseURL starts the links of e-mails ("https://guichet.example").
	BaseURL string
	// Files keeps the pictures of tutorials beside the dossiers' files, in
	// the store every node shares; required to accept one.
	Files filestore.Store
}

// Service stores feedback and enforces its limits. It is safe for
// concurrent use; internal/app builds one and hands it to the pages and
// the API.
type Service struct {
	db      *database.DB
	clock   func() time.Time
	audit   *audit.Log
	box     *secretbox.Box
	baseURL string
	files   filestore.Store
}

// New returns the listening service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, clock: opts.Now, box: opts.Box, baseURL: strings.TrimRight(opts.BaseURL, "/"),
		files: opts.Files}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.audit = audit.New(db, s.clock)
	return s
}

// now returns the time to store: UTC, to the microsecond, which both
// databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }
