package jobs

import (
	"context"
	"errors"
	"log/slog"
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

// TestLeaseIsRenewedWhileHandlerRuns runs on the real clock: the handler takes
// several leases' time and another queue must not take the job meanwhile.
func TestLeaseIsRenewedWhileHandlerRuns(t *testing.T) {
	db := dbtest.Open(t)
	opts := Options{Lease: 600 * time.Millisecond, Logger: slog.New(slog.DiscardHandler), WorkerID: "slow"}
	slow := New(db, opts)
	release := make(chan struct{})
	started := make(chan struct{})
	slow.Register("k", func(ctx context.Context, j Job) error {
		close(started)
		<-release
		return ctx.Err()
	})
	opts.WorkerID = "other"
	other := New(db, opts)
	var stolen atomic.Int32
	other.Register("k", func(context.Context, Job) error { stolen.Add(1); return nil })
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{})

	done := make(chan error, 1)
	go func() { _, err := slow.Work(context.Background()); done <- err }()
	<-started
	deadline := time.Now().Add(2 * time.Second) // more than three leases
	for time.Now().Before(deadline) {
		mustWork(t, other, false)
		time.Sleep(50 * time.Millisecond)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := readJob(t, db, id); got.Status != Done || got.Attempts != 1 || stolen.Load() != 0 {
		t.Errorf("got %+v and %d runs by the other queue, want done once by the slow one", got, stolen.Load())
	}
}
