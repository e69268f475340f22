package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// Options configures a Queue. Zero fields take the defaults given below.
type Options struct {
	// Workers is how many jobs Run handles at once; default 4. A process
	// that must run no job (`guichet serve --workers 0`) does not call Run:
	// zero here means the default, not none.
	Workers int
	// PollInterval is how often an idle worker looks for due jobs; default 1 s.
	PollInterval time.Duration
	// Lease is how long a claim lasts before another worker may take the job
	// again; it is renewed every third of it while the handler runs, so it
	// bounds the time to recover from a crash, not the time a job may take.
	// Default 1 min.
	Lease time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger receives failures and lost leases; default slog.Default().
	Logger *slog.Logger
	// WorkerID names this queue in locked_by; default host-pid-random.
	WorkerID string
	// Backoff returns the wait after a failed attempt (1 for the first);
	// default DefaultBackoff.
	Backoff func(attempt int) time.Duration
	// Box opens the payloads enqueued with EnqueueOptions.Seal; without it
	// such jobs fail.
	Box *secretbox.Box
}

// Queue runs the jobs of the kinds registered on it. Several queues, in one
// process or many, may work on the same database at once.
type Queue struct {
	db       *database.DB
	opts     Options
	claimSQL string
	wake     chan struct{}

	mu       sync.RWMutex
	handlers map[string]Handler

	// Hooks that only this package's tests set, so that they step the queue
	// instead of waiting on the wall clock; nil in production.
	//
	// leaseTicks, when set, replaces the ticker that paces lease renewals.
	leaseTicks <-chan time.Time
	// renewed is called after each lease renewal, successful or not.
	renewed func()
	// idle is called each time a worker of Run finds no due job and is
	// about to sleep until a poll tick or a Notify.
	idle func()
}

// New returns a queue on db. Register handlers before calling Run or Work.
func New(db *database.DB, opts Options) *Queue {
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.Lease <= 0 {
		opts.Lease = time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.WorkerID == "" {
		opts.WorkerID = defaultWorkerID()
	}
	if opts.Backoff == nil {
		opts.Backoff = DefaultBackoff
	}
	return &Queue{
		db:       db,
		opts:     opts,
		claimSQL: claimSQL(db.Dialect),
		wake:     make(chan struct{}, 1),
		handlers: make(map[string]Handler),
	}
}

// Register sets the handler for a kind of job. This queue only claims jobs
// of registered kinds, so a `guichet worker` process that lacks a handler
// leaves those jobs to the processes that have it. Registering a kind twice,
// or a nil handler, is a programming error and panics.
func (q *Queue) Register(kind string, h Handler) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if h == nil {
		panic("jobs: nil handler for " + kind)
	}
	if _, dup := q.handlers[kind]; dup {
		panic("jobs: handler registered twice for " + kind)
	}
	q.handlers[kind] = h
}

// Notify wakes an idle worker of this queue so that it looks for due jobs
// now rather than at its next poll. Call it after committing a transaction
// that enqueued jobs; it never blocks.
func (q *Queue) Notify() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// Run runs q's workers until ctx is cancelled, then waits for the handlers
// still running to finish and record their outcome (graceful shutdown), and
// returns nil. Handlers do not see ctx's cancellation.
func (q *Queue) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for range q.opts.Workers {
		wg.Go(func() { q.loop(ctx) })
	}
	wg.Wait()
	return nil
}

// loop is one worker: it runs due jobs back to back and sleeps when there is
// none, until a poll tick or a Notify.
func (q *Queue) loop(ctx context.Context) {
	for ctx.Err() == nil {
		ran, err := q.Work(ctx)
		if err != nil && ctx.Err() == nil {
			q.opts.Logger.Error("jobs: worker cannot claim", "worker", q.opts.WorkerID, "error", err)
		}
		if ran {
			continue
		}
		if q.idle != nil {
			q.idle()
		}
		select {
		case <-ctx.Done():
		case <-q.wake:
		case <-time.After(q.opts.PollInterval):
		}
	}
}

func (q *Queue) now() time.Time { return dbTime(q.opts.Now()) }

func (q *Queue) handler(kind string) Handler {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return q.handlers[kind]
}

// defaultWorkerID names this process in locked_by, for the person who reads
// the jobs table after an incident.
func defaultWorkerID() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	b := make([]byte, 3)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}
