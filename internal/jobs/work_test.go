package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

func TestRetryWithBackoffThenSuccess(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	clock := newFakeClock()
	q := newTestQueue(db, clock, "w")
	var attempts []int
	q.Register("flaky", func(ctx context.Context, j Job) error {
		attempts = append(attempts, j.Attempt)
		if j.Attempt < 3 {
			return fmt.Errorf("remote down (attempt %d)", j.Attempt)
		}
		return nil
	})
	id := mustEnqueue(t, db, "flaky", nil, EnqueueOptions{})

	mustWork(t, q, true)
	got := readJob(t, db, id)
	wantRunAt := dbTime(clock.Now()).Add(testBackoff(1))
	if got.Status != Queued || got.Attempts != 1 || got.LastError != "remote down (attempt 1)" ||
		!got.RunAt.Equal(wantRunAt) || got.LockedBy != "" {
		t.Fatalf("after attempt 1: got %+v, want queued, 1 attempt, run at %v, unlocked", got, wantRunAt)
	}
	mustWork(t, q, false) // not due before its backoff
	clock.Advance(testBackoff(1))
	mustWork(t, q, true)
	mustWork(t, q, false)
	clock.Advance(testBackoff(2))
	mustWork(t, q, true)

	got = readJob(t, db, id)
	if got.Status != Done || got.Attempts != 3 || !got.Finished {
		t.Errorf("after attempt 3: got %+v, want done after 3 attempts", got)
	}
	if fmt.Sprint(attempts) != "[1 2 3]" {
		t.Errorf("handler saw attempts %v, want [1 2 3]", attempts)
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		maxAttempts  int
		handler      Handler
		wantAttempts int
		wantError    string
	}{
		{
			name:         "permanent error stops at once",
			maxAttempts:  5,
			handler:      func(context.Context, Job) error { return Permanent(errors.New("bad address")) },
			wantAttempts: 1,
			wantError:    "bad address",
		},
		{
			name:        "max attempts reached",
			maxAttempts: 3,
			handler: func(_ context.Context, j Job) error {
				return fmt.Errorf("timeout %d", j.Attempt)
			},
			wantAttempts: 3,
			wantError:    "timeout 3",
		},
		{
			name:         "bad payload is permanent",
			maxAttempts:  5,
			handler:      func(_ context.Context, j Job) error { var n int; return j.Decode(&n) },
			wantAttempts: 1,
			wantError:    "cannot unmarshal",
		},
		{
			name:         "panic is retried then kept",
			maxAttempts:  2,
			handler:      func(context.Context, Job) error { panic("nil map") },
			wantAttempts: 2,
			wantError:    "handler panicked: nil map",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := dbtest.Open(t)
			clock := newFakeClock()
			q := newTestQueue(db, clock, "w")
			q.Register("k", tt.handler)
			id := mustEnqueue(t, db, "k", "not a number", EnqueueOptions{MaxAttempts: tt.maxAttempts})
			for range tt.wantAttempts {
				mustWork(t, q, true)
				clock.Advance(time.Hour)
			}
			mustWork(t, q, false)
			got := readJob(t, db, id)
			if got.Status != Failed || got.Attempts != tt.wantAttempts || !got.Finished ||
				!strings.Contains(got.LastError, tt.wantError) {
				t.Errorf("got %+v, want failed after %d attempts with error %q", got, tt.wantAttempts, tt.wantError)
			}
		})
	}
}

func TestOnlyRegisteredKindsAreClaimed(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	q := newTestQueue(db, nil, "w")
	mustWork(t, q, false) // no handler at all
	q.Register("mine", func(context.Context, Job) error { return nil })
	theirs := mustEnqueue(t, db, "theirs", nil, EnqueueOptions{})
	mine := mustEnqueue(t, db, "mine", nil, EnqueueOptions{})
	mustWork(t, q, true)
	mustWork(t, q, false)
	if got := readJob(t, db, theirs).Status; got != Queued {
		t.Errorf("job of an unregistered kind: got %q, want %q", got, Queued)
	}
	if got := readJob(t, db, mine).Status; got != Done {
		t.Errorf("job of a registered kind: got %q, want %q", got, Done)
	}
}

func TestRunAtDelaysTheJob(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	clock := newFakeClock()
	q := newTestQueue(db, clock, "w")
	q.Register("later", func(context.Context, Job) error { return nil })
	mustEnqueue(t, db, "later", nil, EnqueueOptions{RunAt: clock.Now().Add(time.Hour)})
	mustWork(t, q, false)
	clock.Advance(time.Hour)
	mustWork(t, q, true)
}

func TestRegisterTwicePanics(t *testing.T) {
	t.Parallel()
	q := newTestQueue(dbtest.Open(t), nil, "w")
	q.Register("k", func(context.Context, Job) error { return nil })
	defer func() {
		if recover() == nil {
			t.Error("second Register of the same kind did not panic")
		}
	}()
	q.Register("k", func(context.Context, Job) error { return nil })
}
