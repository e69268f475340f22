package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"guichet/internal/config"
	"guichet/internal/database/dbtest"
)

// TestRunWorkerSweeps checks that a process running only the background
// work (`guichet worker`) also runs the sweeps, so that a site served with
// --workers 0 still has its old jobs pruned, drafts and mandates expired.
func TestRunWorkerSweeps(t *testing.T) {
	t.Parallel()
	env := map[string]string{"GUICHET_DATABASE_URL": dbtest.URL(t)}
	cfg, err := config.Parse("serve", []string{"--data", t.TempDir(), "--workers", "1"},
		func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	old := time.Now().Add(-60 * 24 * time.Hour)
	if _, err := a.DB.ExecContext(context.Background(), `INSERT INTO jobs (kind, payload, status, max_attempts, run_at, created_at, finished_at)
		VALUES ('test', '', 'done', 1, $1, $1, $1)`, old); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.RunWorker(ctx) }()
	deadline := time.Now().Add(10 * time.Second) // only ends a test that hangs
	for {
		var n int
		if err := a.DB.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = 'test'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the worker did not prune a job finished 60 days ago")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if err := <-done; err != nil {
		t.Error(err)
	}
}
