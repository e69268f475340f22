package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

func TestConcurrentQueuesRunEachJobOnce(t *testing.T) {
	t.Parallel()
	const queues, workers, jobs = 4, 4, 200
	db := dbtest.Open(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE job_runs (job_id BIGINT NOT NULL, worker TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		for i := range jobs {
			if _, err := Enqueue(ctx, tx, "count", i, EnqueueOptions{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	running := map[int64]bool{}
	var overlaps []int64
	ran := make(chan struct{}, jobs)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	for n := range queues {
		worker := fmt.Sprintf("queue-%d", n)
		q := New(db, Options{Workers: workers, PollInterval: 5 * time.Millisecond,
			Logger: slog.New(slog.DiscardHandler), WorkerID: worker})
		q.Register("count", func(ctx context.Context, j Job) error {
			mu.Lock()
			if running[j.ID] {
				overlaps = append(overlaps, j.ID)
			}
			running[j.ID] = true
			mu.Unlock()
			defer func() { mu.Lock(); delete(running, j.ID); mu.Unlock() }()
			_, err := db.ExecContext(ctx, `INSERT INTO job_runs (job_id, worker) VALUES ($1, $2)`, j.ID, worker)
			select {
			case ran <- struct{}{}:
			default: // a run beyond the number of jobs: counted in job_runs
			}
			return err
		})
		wg.Go(func() { q.Run(runCtx) })
	}
	// Once every handler has run, stopping the queues waits for the outcomes
	// to be recorded (graceful shutdown). The timer only ends a hung test.
	guard := time.After(60 * time.Second)
	for i := range jobs {
		select {
		case <-ran:
		case <-guard:
			t.Fatalf("after 60 s only %d of %d jobs ran", i, jobs)
		}
	}
	stop()
	wg.Wait()

	var runs, distinct, busyQueues int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT job_id), COUNT(DISTINCT worker) FROM job_runs`).
		Scan(&runs, &distinct, &busyQueues)
	if err != nil {
		t.Fatal(err)
	}
	if runs != jobs || distinct != jobs || len(overlaps) > 0 {
		t.Errorf("got %d runs of %d distinct jobs, overlaps %v; want %d runs of %d jobs, no overlap",
			runs, distinct, overlaps, jobs, jobs)
	}
	var attempts, done int
	err = db.QueryRowContext(ctx, `SELECT SUM(attempts), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) FROM jobs`).
		Scan(&attempts, &done)
	if err != nil {
		t.Fatal(err)
	}
	if attempts != jobs || done != jobs {
		t.Errorf("got %d attempts and %d jobs done, want %d of each (one claim per job)", attempts, done, jobs)
	}
	t.Logf("%d queues took part", busyQueues)
}

func TestRunWaitsForRunningHandler(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	q := New(db, Options{Workers: 2, PollInterval: 5 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	started := make(chan struct{})
	release := make(chan struct{})
	q.Register("slow", func(ctx context.Context, j Job) error {
		close(started)
		<-release
		return ctx.Err() // the handler must not see the shutdown
	})
	id := mustEnqueue(t, db, "slow", nil, EnqueueOptions{})

	ctx, stop := context.WithCancel(context.Background())
	returned := make(chan error, 1)
	go func() { returned <- q.Run(ctx) }()
	<-started
	stop()
	// This proves that Run does NOT return while the handler runs: no event
	// marks an absence, so the test gives Run a real moment to misbehave.
	select {
	case err := <-returned:
		t.Fatalf("Run returned %v while a handler was running", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	select {
	case err := <-returned:
		if err != nil {
			t.Fatalf("Run: got %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its handler finished")
	}
	if got := readJob(t, db, id); got.Status != Done {
		t.Errorf("after shutdown: got %+v, want done", got)
	}
}

func TestNotifyWakesAnIdleWorker(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	// Workers would otherwise sleep an hour between polls.
	q := New(db, Options{Workers: 1, PollInterval: time.Hour, Logger: slog.New(slog.DiscardHandler)})
	ran := make(chan int64, 1)
	q.Register("k", func(_ context.Context, j Job) error { ran <- j.ID; return nil })
	asleep := make(chan struct{}, 1)
	q.idle = func() {
		select {
		case asleep <- struct{}{}:
		default:
		}
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go q.Run(ctx)
	<-asleep // the worker found nothing and goes to sleep for an hour
	id := mustEnqueue(t, db, "k", nil, EnqueueOptions{})
	q.Notify()
	select {
	case got := <-ran:
		if got != id {
			t.Errorf("ran job %d, want %d", got, id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Notify did not wake the worker")
	}
}
