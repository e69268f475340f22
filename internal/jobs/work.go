package jobs

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"
)

// errNoHandler and errLeaseExhausted end a job without running its handler.
var (
	errNoHandler      = errors.New("no handler registered for this kind")
	errLeaseExhausted = errors.New("lease expired during the last attempt: the worker stopped or stalled")
	errNoKey          = errors.New("sealed payload and no key to open it (jobs.Options.Box)")
)

// Work claims at most one due job, runs its handler and records the outcome.
// It reports whether it ran a job; the handler's own failure is recorded on
// the job, not returned. It is what each worker of Run repeats, and what tests
// and `guichet worker --once` call directly.
func (q *Queue) Work(ctx context.Context) (bool, error) {
	c, ok, err := q.claim(ctx)
	if err != nil || !ok {
		return false, err
	}
	// More jobs may be due: let an idle sibling look too.
	q.Notify()
	// The handler and the bookkeeping outlive a shutdown request, so that a
	// job in progress ends properly instead of waiting for its lease to expire.
	ctx = context.WithoutCancel(ctx)
	var runErr error
	switch h := q.handler(c.Kind); {
	case c.Attempt > c.maxAttempts:
		runErr = Permanent(errLeaseExhausted)
	case h == nil: // claim only takes registered kinds; fail cleanly all the same
		runErr = Permanent(errNoHandler)
	case c.sealed && q.opts.Box == nil:
		runErr = Permanent(errNoKey)
	case c.sealed:
		if c.Payload, runErr = q.opts.Box.Open(string(c.Payload)); runErr != nil {
			runErr = Permanent(fmt.Errorf("open sealed payload: %w", runErr))
			break
		}
		runErr = q.execute(ctx, h, c)
	default:
		runErr = q.execute(ctx, h, c)
	}
	return true, q.finish(ctx, c, runErr)
}

// execute runs h under a lease that a companion goroutine keeps renewing. If
// the lease is lost (the job was taken by another worker after this one
// stalled), the handler's context is cancelled.
func (q *Queue) execute(ctx context.Context, h Handler, c claimed) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		q.keepLease(ctx, c, cancel)
	}()
	err := callHandler(ctx, h, c.Job)
	cancel()
	<-renewed
	return err
}

// callHandler turns a panic in a handler into an error, so that one bad job
// is retried and recorded instead of bringing the worker down.
func callHandler(ctx context.Context, h Handler, j Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return h(ctx, j)
}

// keepLease renews c's lease every third of the lease until ctx ends, and
// calls lost when another worker has taken the job.
func (q *Queue) keepLease(ctx context.Context, c claimed, lost context.CancelFunc) {
	ticks := q.leaseTicks
	if ticks == nil {
		t := time.NewTicker(max(q.opts.Lease/3, time.Millisecond))
		defer t.Stop()
		ticks = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		held := q.renewLease(ctx, c)
		if q.renewed != nil {
			q.renewed()
		}
		if !held {
			q.opts.Logger.Warn("jobs: lease lost, stopping the handler", q.attrs(c, nil)...)
			lost()
			return
		}
	}
}

// renewLeaseSQL pushes back the end of a lease that the attempt still holds.
const renewLeaseSQL = `UPDATE jobs SET locked_until = $1
WHERE id = $2 AND attempts = $3 AND status = 'running'`

// renewLease extends c's lease by Options.Lease from now. It reports false
// only when the job is no longer c's to run; after a database hiccup the
// lease still runs, so the next tick tries again.
func (q *Queue) renewLease(ctx context.Context, c claimed) bool {
	res, err := q.db.ExecContext(ctx, renewLeaseSQL, q.now().Add(q.opts.Lease), c.ID, c.Attempt)
	if err != nil {
		if ctx.Err() == nil {
			q.opts.Logger.Warn("jobs: cannot renew lease", q.attrs(c, err)...)
		}
		return true
	}
	n, err := res.RowsAffected()
	return err != nil || n > 0
}

func (q *Queue) attrs(c claimed, err error) []any {
	a := []any{"job_id", c.ID, "kind", c.Kind, "attempt", c.Attempt, "worker", q.opts.WorkerID}
	if err != nil {
		a = append(a, "error", err)
	}
	return a
}
