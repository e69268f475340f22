package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

func TestEnqueueInRolledBackTransactionLeavesNoJob(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	boom := errors.New("the change failed")
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		mustEnqueue(t, tx, "mail.send", map[string]string{"to": "a@example.fr"}, EnqueueOptions{Key: "k1"})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("transact: got %v, want %v", err, boom)
	}
	stats, err := Stats(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got := stats[Queued]; got != 0 {
		t.Errorf("queued jobs after rollback: got %d, want 0", got)
	}
	// The key is free again: the rolled-back job did not reserve it.
	id := mustEnqueue(t, db, "mail.send", nil, EnqueueOptions{Key: "k1"})
	if got := readJob(t, db, id).Status; got != Queued {
		t.Errorf("status: got %q, want %q", got, Queued)
	}
}

func TestEnqueueIdempotencyKey(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	first := mustEnqueue(t, db, "webhook", map[string]int{"n": 1}, EnqueueOptions{Key: "dossier-7-recu"})
	var second int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		second, err = Enqueue(ctx, tx, "webhook", map[string]int{"n": 2}, EnqueueOptions{Key: "dossier-7-recu"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if second != first {
		t.Errorf("second enqueue: got id %d, want the existing id %d", second, first)
	}
	other := mustEnqueue(t, db, "webhook", nil, EnqueueOptions{Key: "dossier-8-recu"})
	keyless1 := mustEnqueue(t, db, "webhook", nil, EnqueueOptions{})
	keyless2 := mustEnqueue(t, db, "webhook", nil, EnqueueOptions{})
	if other == first || keyless1 == keyless2 {
		t.Errorf("distinct jobs share an id: %d %d %d %d", first, other, keyless1, keyless2)
	}

	q := newTestQueue(db, nil, "w")
	var got []Job
	q.Register("webhook", func(ctx context.Context, j Job) error {
		got = append(got, j)
		return nil
	})
	for range 4 {
		mustWork(t, q, true)
	}
	mustWork(t, q, false)
	want := map[int64]struct{ key, payload string }{
		first:    {"dossier-7-recu", `{"n":1}`},
		other:    {"dossier-8-recu", `null`},
		keyless1: {"", `null`},
		keyless2: {"", `null`},
	}
	for _, j := range got {
		w := want[j.ID]
		if j.Key != w.key || string(j.Payload) != w.payload || j.Attempt != 1 {
			t.Errorf("job %d: got key %q payload %s attempt %d, want key %q payload %s attempt 1",
				j.ID, j.Key, j.Payload, j.Attempt, w.key, w.payload)
		}
	}
}

// TestAddStoresWithoutReadingBack checks Add as Enqueue is checked: a job
// per keyless call, one job per key whatever the calls, nothing after a
// rollback, and the payload the worker gets.
func TestAddStoresWithoutReadingBack(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	boom := errors.New("the change failed")
	if err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := Add(ctx, tx, "receipt", map[string]int{"dossier": 0}, EnqueueOptions{}); err != nil {
			t.Fatal(err)
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("transact: got %v, want %v", err, boom)
	}
	for i, o := range []EnqueueOptions{{}, {}, {Key: "dossier-9-recu"}, {Key: "dossier-9-recu"}} {
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			return Add(ctx, tx, "receipt", map[string]int{"dossier": i + 1}, o)
		}); err != nil {
			t.Fatalf("add %d: %v", i, err)
		}
	}
	if err := Add(ctx, db, "", nil, EnqueueOptions{}); err == nil {
		t.Error("a job without kind was added")
	}
	q := newTestQueue(db, nil, "w")
	var got []string
	q.Register("receipt", func(ctx context.Context, j Job) error {
		got = append(got, j.Key+" "+string(j.Payload))
		return nil
	})
	for range 3 {
		mustWork(t, q, true)
	}
	mustWork(t, q, false)
	want := []string{` {"dossier":1}`, ` {"dossier":2}`, `dossier-9-recu {"dossier":3}`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("jobs run: got %q, want %q", got, want)
	}
}

// TestInsertFromSQLEnqueuesWithItsChange writes a change and its job in
// one statement, as a dossier is sent on PostgreSQL: the job exists when
// the change's rows do, not otherwise, and a key is still once only.
func TestInsertFromSQLEnqueuesWithItsChange(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	if db.Dialect != database.Postgres {
		t.Skip("a writing CTE is PostgreSQL's; SQLite writes the job in the change's transaction (Add)")
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE things (id BIGINT PRIMARY KEY, done BOOLEAN NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO things VALUES (1, false), (2, false)`); err != nil {
		t.Fatal(err)
	}
	stmt := `WITH d AS (UPDATE things SET done = true WHERE id = $1 AND NOT done RETURNING id),
j AS (` + InsertFromSQL("d", 2) + `) SELECT COUNT(*) FROM d`
	do := func(id int, key string) int {
		t.Helper()
		args, err := Row("receipt", map[string]int{"thing": id}, EnqueueOptions{Key: key})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRowContext(ctx, stmt, append([]any{id}, args...)...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := do(1, ""); n != 1 {
		t.Fatalf("first change: %d rows", n)
	}
	if n := do(1, ""); n != 0 { // done already: no change, so no job
		t.Fatalf("second change: %d rows", n)
	}
	if _, err := db.ExecContext(ctx, `UPDATE things SET done = false WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	do(2, "thing-2")
	do(1, "thing-2") // changed, but its key was used: one job for the key
	q := newTestQueue(db, nil, "w")
	var got []string
	q.Register("receipt", func(ctx context.Context, j Job) error {
		got = append(got, j.Key+" "+string(j.Payload))
		return nil
	})
	for range 2 {
		mustWork(t, q, true)
	}
	mustWork(t, q, false)
	want := []string{` {"thing":1}`, `thing-2 {"thing":2}`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("jobs run: got %q, want %q", got, want)
	}
}

func TestEnqueueRejectsEmptyKindAndBadPayload(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	tests := []struct {
		name    string
		kind    string
		payload any
	}{
		{"empty kind", "", nil},
		{"payload not JSON", "x", make(chan int)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Enqueue(context.Background(), db, tt.kind, tt.payload, EnqueueOptions{}); err == nil {
				t.Error("got nil error, want one")
			}
		})
	}
}

func TestStatsCountsEveryStatus(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	q := newTestQueue(db, nil, "w")
	q.Register("ok", func(context.Context, Job) error { return nil })
	q.Register("bad", func(context.Context, Job) error { return Permanent(errors.New("no")) })
	mustEnqueue(t, db, "ok", nil, EnqueueOptions{})
	mustEnqueue(t, db, "bad", nil, EnqueueOptions{})
	mustWork(t, q, true)
	mustWork(t, q, true)
	mustEnqueue(t, db, "ok", nil, EnqueueOptions{})
	got, err := Stats(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{Queued: 1, Running: 0, Done: 1, Failed: 1}
	for status, n := range want {
		if got[status] != n {
			t.Errorf("%s: got %d, want %d", status, got[status], n)
		}
	}
}
