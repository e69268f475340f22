package jobs

import (
	"context"
	"database/sql"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// BenchmarkEnqueueWork measures one job's round trip on one worker: enqueue
// it in a transaction, claim it, run an empty handler, mark it done.
func BenchmarkEnqueueWork(b *testing.B) {
	db := dbtest.Open(b)
	ctx := context.Background()
	q := New(db, Options{Logger: slog.New(slog.DiscardHandler)})
	q.Register("noop", func(context.Context, Job) error { return nil })
	for b.Loop() {
		err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := Enqueue(ctx, tx, "noop", map[string]int{"n": 1}, EnqueueOptions{})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		if ran, err := q.Work(ctx); err != nil || !ran {
			b.Fatalf("work: got %v %v, want a job run", ran, err)
		}
	}
}

// BenchmarkRunThroughput measures how fast Run with four workers drains a
// backlog of b.N jobs.
func BenchmarkRunThroughput(b *testing.B) {
	db := dbtest.Open(b)
	ctx := context.Background()
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		for i := range b.N {
			if _, err := Enqueue(ctx, tx, "noop", i, EnqueueOptions{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	q := New(db, Options{Workers: 4, PollInterval: time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	var ran atomic.Int64
	all := make(chan struct{})
	q.Register("noop", func(context.Context, Job) error {
		if ran.Add(1) == int64(b.N) {
			close(all)
		}
		return nil
	})
	runCtx, stop := context.WithCancel(ctx)
	b.ResetTimer()
	done := make(chan struct{})
	go func() { q.Run(runCtx); close(done) }()
	<-all
	stop()
	<-done
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "jobs/s")
}
