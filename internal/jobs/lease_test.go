package jobs

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

func TestExpiredLeaseIsClaimedAgain(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	clock := newFakeClock()
	crashed := newTestQueue(db, clock, "crashed")
	crashed.Register("k", func(context.Context, Job) error { return nil })
	survivor := newTestQueue(db, clock, "survivor")
	var seen []Job
	survivor.Register("k", func(_ context.Context, j Job) error {
		seen = append(seen, j)
		return nil
	})
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{Key: "k-1"})

	// The first worker claims the job and dies before finishing it.
	c, ok, err := crashed.claim(ctx)
	if err != nil || !ok {
		t.Fatalf("claim: got %v %v, want a job", ok, err)
	}
	if got := readJob(t, db, id); got.Status != Running || got.LockedBy != "crashed" {
		t.Fatalf("after claim: got %+v, want running, locked by crashed", got)
	}
	mustWork(t, survivor, false) // the lease still holds
	clock.Advance(time.Minute - time.Second)
	mustWork(t, survivor, false)
	clock.Advance(time.Second)
	mustWork(t, survivor, true)

	if len(seen) != 1 || seen[0].ID != id || seen[0].Attempt != 2 || seen[0].Key != "k-1" {
		t.Fatalf("survivor ran %+v, want job %d, attempt 2, key k-1", seen, id)
	}
	if got := readJob(t, db, id); got.Status != Done {
		t.Fatalf("after takeover: got %+v, want done", got)
	}
	// Should the first worker come back to life, its outcome is dropped.
	if err := crashed.finish(ctx, c, errors.New("late failure")); err != nil {
		t.Fatal(err)
	}
	if got := readJob(t, db, id); got.Status != Done || got.LastError != "" {
		t.Errorf("after the late finish: got %+v, want done without error", got)
	}
}

func TestExpiredLeaseOnLastAttemptFails(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	clock := newFakeClock()
	q := newTestQueue(db, clock, "w")
	var ran bool
	q.Register("k", func(context.Context, Job) error { ran = true; return nil })
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{MaxAttempts: 1})
	if _, ok, err := q.claim(context.Background()); !ok || err != nil {
		t.Fatalf("claim: got %v %v, want a job", ok, err)
	}
	clock.Advance(2 * time.Minute)
	mustWork(t, q, true)
	if ran {
		t.Error("the handler ran again past MaxAttempts")
	}
	if got := readJob(t, db, id); got.Status != Failed || got.LastError != errLeaseExhausted.Error() {
		t.Errorf("got %+v, want failed with %q", got, errLeaseExhausted)
	}
}

// steppedLease makes q renew its leases only when the test calls the
// returned function, which sends one tick and returns once that renewal has
// been written, so that a test moves the fake clock between renewals.
func steppedLease(q *Queue) (renew func()) {
	ticks := make(chan time.Time)
	renewed := make(chan struct{})
	q.leaseTicks = ticks
	q.renewed = func() { renewed <- struct{}{} }
	return func() {
		ticks <- time.Time{}
		<-renewed
	}
}

// TestLeaseIsRenewedWhileHandlerRuns: the handler takes several leases' time
// and another queue must not take the job meanwhile.
func TestLeaseIsRenewedWhileHandlerRuns(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	clock := newFakeClock()
	slow := newTestQueue(db, clock, "slow")
	renew := steppedLease(slow)
	release := make(chan struct{})
	started := make(chan struct{})
	slow.Register("k", func(ctx context.Context, j Job) error {
		close(started)
		<-release
		return ctx.Err()
	})
	other := newTestQueue(db, clock, "other")
	var stolen atomic.Int32
	other.Register("k", func(context.Context, Job) error { stolen.Add(1); return nil })
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{})

	done := make(chan error, 1)
	go func() { _, err := slow.Work(context.Background()); done <- err }()
	<-started
	// The lease is one minute and renewed every 40 s: without renewals it
	// would end at 60 s, yet at 80, 120 and 160 s the job is still held.
	for range 4 {
		clock.Advance(40 * time.Second)
		mustWork(t, other, false)
		renew()
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := readJob(t, db, id); got.Status != Done || got.Attempts != 1 || stolen.Load() != 0 {
		t.Errorf("got %+v and %d runs by the other queue, want done once by the slow one", got, stolen.Load())
	}
}

// TestLostLeaseStopsTheHandler: when a stalled worker's lease expired and
// another worker took the job, the stalled one's next renewal finds the job
// gone, cancels its handler and its outcome is not recorded.
func TestLostLeaseStopsTheHandler(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	clock := newFakeClock()
	stalled := newTestQueue(db, clock, "stalled")
	renew := steppedLease(stalled)
	started := make(chan struct{})
	stalled.Register("k", func(ctx context.Context, j Job) error {
		close(started)
		<-ctx.Done()
		return errors.New("stopped after losing the lease")
	})
	other := newTestQueue(db, clock, "other")
	other.Register("k", func(context.Context, Job) error { return nil })
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{})

	done := make(chan error, 1)
	go func() { _, err := stalled.Work(context.Background()); done <- err }()
	<-started
	clock.Advance(time.Minute) // no renewal: the lease ends
	mustWork(t, other, true)
	renew() // finds the job taken and cancels the handler
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := readJob(t, db, id); got.Status != Done || got.Attempts != 2 || got.LastError != "" {
		t.Errorf("got %+v, want done by the other worker, without the stalled one's error", got)
	}
}
