package dossiers

import (
	"context"
	"database/sql"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/filestore"
	"guichet/internal/jobs"
)

// Defaults of the limits a Service applies when its Options leave them zero.
const (
	DefaultMaxFileSize    = 10 << 20 // per file field
	DefaultMaxDossierSize = 30 << 20 // all the files of one dossier
	// DefaultDraftLifetime is how long an untouched draft is kept when its
	// procedure's owner set nothing (DefaultDraftMonths, see SetDraftMonths).
	DefaultDraftLifetime = 183 * 24 * time.Hour
	// ExpiryNotice is how long before a draft's deletion its person is told.
	ExpiryNotice = 14 * 24 * time.Hour
	// DelayWindow is how far back the expected delay looks.
	DelayWindow = 90 * 24 * time.Hour
	// DelayMinCount is how many decided dossiers the expected delay needs
	// before it is shown: below it, one slow case would say too much.
	DelayMinCount = 20
)

// Validator checks a dossier's answers against its form version before it
// is sent, returning errs.InvalidFields with every problem in form order.
// The forms module provides it; internal/app wires it.
type Validator func(ctx context.Context, procedure string, version int, a Answers) error

// SubmitHook is work of another module done in the transaction that sends
// a dossier (Options.OnSubmit).
type SubmitHook func(ctx context.Context, d *Dossier) error

// Options tune a Service. The zero value is usable for tests: answers are
// then not checked against a form.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Files keeps the files of dossiers (a folder every node shares, or an
	// S3-compatible bucket); required to accept files.
	Files filestore.Store
	// FilesDir is a folder to keep them in when Files is nil (tests).
	FilesDir string
	// BaseURL starts the links of e-mails ("https://guichet.example").
	BaseURL string
	// Validate checks answers on submission; nil accepts any answers.
	Validate Validator
	// MaxFileSize and MaxDossierSize bound files (defaults above).
	MaxFileSize, MaxDossierSize int64
	// Notifier tells the person of their dossier's events (receipt, state
	// changes, corrections, messages, draft expiry) in the transaction of
	// the change; nil sends nothing (tests of other things).
	Notifier Notifier
	// Jobs is the queue that runs the receipt jobs (ReceiptJob): New
	// registers their handler on it. Without it the jobs wait in the table
	// for a process that has one.
	Jobs *jobs.Queue
	// ProcedureTitle names a procedure for the messages; nil or "" uses
	// its slug.
	ProcedureTitle func(ctx context.Context, slug string) string
	// Webhooks hands the dossiers' events (sent, state changed, message,
	// corrected) to the administration's systems in the transaction of the
	// change; nil publishes nothing.
	Webhooks Publisher
	// OnSubmit holds, by procedure slug, another module's work that must
	// commit with the sending of a dossier of that procedure, such as a
	// change declared once being dispatched: it runs in the sending's
	// transaction (ctx carries it), after the dossier is sent, and an
	// error refuses the sending. The dossiers of other procedures are sent
	// without a hook.
	OnSubmit map[string]SubmitHook
	// AllowsSeveral tells whether a procedure lets a person start another
	// draft beside the one they have (a birth certificate for each child);
	// nil means no procedure does.
	AllowsSeveral func(procedure string) bool
	// Assisted journals what a mediator does under a mandate (see Helper);
	// required for the pages to let mediators act for people.
	Assisted Assisted
	// EraseJournal turns the mandate journal's entries about a dossier
	// being deleted into tombstones, in the deletion's transaction
	// (mediation.EraseDossier); nil leaves that journal alone.
	EraseJournal func(ctx context.Context, tx *sql.Tx, personID int64, reference string) error
}

// Service stores dossiers. It is safe for concurrent use; build one per process.
type Service struct {
	db    *database.DB
	audit *audit.Log
	// access is the person's access log, written with every read by staff.
	access *accesslog.Log
	opts   Options
	clock  func() time.Time
	files  filestore.Store
}

// New returns the dossiers service over db, whose migrations have run.
func New(db *database.DB, opts Options) *Service {
	s := &Service{db: db, opts: opts, clock: opts.Now, files: opts.Files}
	if s.files == nil && opts.FilesDir != "" {
		s.files = filestore.Dir(opts.FilesDir)
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.opts.MaxFileSize <= 0 {
		s.opts.MaxFileSize = DefaultMaxFileSize
	}
	if s.opts.MaxDossierSize <= 0 {
		s.opts.MaxDossierSize = DefaultMaxDossierSize
	}
	s.audit = audit.New(db, s.clock)
	s.access = accesslog.New(db, accesslog.Options{Now: s.clock})
	if opts.Jobs != nil {
		opts.Jobs.Register(ReceiptJob, s.sendReceipt)
	}
	return s
}

// MaxFileSize is the largest file a field accepts.
func (s *Service) MaxFileSize() int64 { return s.opts.MaxFileSize }

// now returns the time to store: UTC, to the microsecond, which both databases keep.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Microsecond) }

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
