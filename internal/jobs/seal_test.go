package jobs

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/secretbox"
)

func testBox(t *testing.T) *secretbox.Box {
	t.Helper()
	box, err := secretbox.New(bytes.Repeat([]byte{7}, secretbox.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return box
}

// TestSensitivePayloadSealed: a sealed job's payload is unreadable in the
// table while it waits, reaches the handler in clear, and is dropped once
// the job is done.
func TestSensitivePayloadSealed(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	box := testBox(t)
	q := newTestQueue(db, newFakeClock(), "w1")
	q.opts.Box = box
	var got string
	q.Register("reset", func(ctx context.Context, j Job) error {
		var p struct{ Link string }
		if err := j.Decode(&p); err != nil {
			return err
		}
		got = p.Link
		return nil
	})
	id := mustEnqueue(t, db, "reset", map[string]string{"Link": "https://x/?jeton=SECRET-TOKEN"}, EnqueueOptions{Seal: box})
	var payload string
	db.QueryRowContext(ctx, `SELECT payload FROM jobs WHERE id = $1`, id).Scan(&payload)
	if strings.Contains(payload, "SECRET-TOKEN") || !secretbox.IsSealed(payload) {
		t.Fatalf("queued payload readable: %q", payload)
	}
	mustWork(t, q, true)
	if got != "https://x/?jeton=SECRET-TOKEN" {
		t.Fatalf("handler got %q", got)
	}
	db.QueryRowContext(ctx, `SELECT payload FROM jobs WHERE id = $1`, id).Scan(&payload)
	if payload != "" {
		t.Errorf("done job kept its payload %q", payload)
	}
}

// TestSealedPayloadWithoutKeyFails: a queue without the key cannot run a
// sealed job and says so once, for good.
func TestSealedPayloadWithoutKeyFails(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	q := newTestQueue(db, newFakeClock(), "w1")
	q.Register("reset", func(ctx context.Context, j Job) error { return nil })
	id := mustEnqueue(t, db, "reset", "x", EnqueueOptions{Seal: testBox(t)})
	mustWork(t, q, true)
	if r := readJob(t, db, id); r.Status != Failed {
		t.Fatalf("status %s, want failed", r.Status)
	}
}

// TestPrune deletes done jobs after a week and failed ones after a month.
func TestPrune(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	clock := newFakeClock()
	q := newTestQueue(db, clock, "w1")
	q.Register("ok", func(ctx context.Context, j Job) error { return nil })
	q.Register("bad", func(ctx context.Context, j Job) error { return Permanent(context.Canceled) })
	done := mustEnqueue(t, db, "ok", 1, EnqueueOptions{})
	failed := mustEnqueue(t, db, "bad", 2, EnqueueOptions{})
	queued := mustEnqueue(t, db, "other", 3, EnqueueOptions{})
	mustWork(t, q, true)
	mustWork(t, q, true)
	exists := func(id int64) bool {
		var n int
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE id = $1`, id).Scan(&n)
		return n == 1
	}
	prune := func() {
		if _, err := q.Prune(ctx); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(6 * 24 * time.Hour)
	prune()
	if !exists(done) || !exists(failed) {
		t.Fatal("pruned too early")
	}
	clock.Advance(2 * 24 * time.Hour)
	prune()
	if exists(done) || !exists(failed) {
		t.Fatalf("after 8 days: done kept %v, failed kept %v; want done gone, failed kept", exists(done), exists(failed))
	}
	clock.Advance(23 * 24 * time.Hour)
	prune()
	if exists(failed) || !exists(queued) {
		t.Fatalf("after 31 days: failed kept %v, queued kept %v", exists(failed), exists(queued))
	}
}
