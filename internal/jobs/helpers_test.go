package jobs

import (
	"context"
	"database/sql"
	"log/slog"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/testkit"
)

// newFakeClock returns a clock that tests move by hand. It starts a minute
// ahead of the real time, so that jobs Enqueue stamps with the real clock
// during the test are due.
func newFakeClock() *testkit.Clock { return testkit.NewClock(time.Now().Add(time.Minute)) }

// testBackoff waits one minute per failed attempt, so tests know run_at.
func testBackoff(attempt int) time.Duration { return time.Duration(attempt) * time.Minute }

func newTestQueue(db *database.DB, clock *testkit.Clock, worker string) *Queue {
	opts := Options{
		Workers:      2,
		PollInterval: 10 * time.Millisecond,
		Lease:        time.Minute,
		Logger:       slog.New(slog.DiscardHandler),
		WorkerID:     worker,
		Backoff:      testBackoff,
	}
	if clock != nil {
		opts.Now = clock.Now
	}
	return New(db, opts)
}

// jobRow is what the tests check of a stored job.
type jobRow struct {
	Status    string
	Attempts  int
	LastError string
	RunAt     time.Time
	LockedBy  string
	Finished  bool
}

func readJob(t *testing.T, db *database.DB, id int64) jobRow {
	t.Helper()
	var r jobRow
	var lastErr, lockedBy sql.NullString
	var finished sql.NullTime
	err := db.QueryRowContext(context.Background(), `SELECT status, attempts, last_error, run_at, locked_by, finished_at
		FROM jobs WHERE id = $1`, id).Scan(&r.Status, &r.Attempts, &lastErr, &r.RunAt, &lockedBy, &finished)
	if err != nil {
		t.Fatalf("read job %d: %v", id, err)
	}
	r.LastError, r.LockedBy, r.Finished = lastErr.String, lockedBy.String, finished.Valid
	return r
}

func mustEnqueue(t testing.TB, db database.Querier, kind string, payload any, o EnqueueOptions) int64 {
	t.Helper()
	id, err := Enqueue(context.Background(), db, kind, payload, o)
	if err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	return id
}

// mustWork runs Work once and checks whether it ran a job.
func mustWork(t *testing.T, q *Queue, wantRan bool) {
	t.Helper()
	ran, err := q.Work(context.Background())
	if err != nil {
		t.Fatalf("work: %v", err)
	}
	if ran != wantRan {
		t.Fatalf("work ran a job: got %v, want %v", ran, wantRan)
	}
}
