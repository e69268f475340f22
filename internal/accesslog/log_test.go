package accesslog

import (
	"context"
	"strings"
	"sync"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/testkit"
)

func newLog(t *testing.T) (*Log, *database.DB) {
	t.Helper()
	db := dbtest.Open(t)
	clock := testkit.NewClock(testkit.Start)
	return New(db, Options{Now: clock.Now}), db
}

func read(person int64, cat string) Entry {
	return Entry{PersonUserID: person, OrgID: 3, ActorKind: ByAgent, ActorID: 9, Action: Read, Category: cat,
		Purpose: "instruction du dossier"}
}

func TestOfPersonNewestFirstAndOnlyTheirs(t *testing.T) {
	t.Parallel()
	l, _ := newLog(t)
	ctx := context.Background()
	for _, e := range []Entry{read(1, "dossier A"), read(2, "dossier B"), read(1, "dossier C")} {
		if err := l.Record(ctx, nil, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := l.OfPerson(ctx, 1, 0)
	if err != nil || len(got) != 2 || got[0].Category != "dossier C" || got[1].Category != "dossier A" {
		t.Fatalf("person 1: %+v, %v", got, err)
	}
	if err := l.Record(ctx, nil, Entry{PersonUserID: 1}); err == nil {
		t.Error("an entry without action or category was recorded")
	}
}

// TestConcurrentAppendsKeepOneChain records from many goroutines at once:
// the chain has no gap and stays intact.
func TestConcurrentAppendsKeepOneChain(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errc := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- l.Record(ctx, nil, read(int64(i%3+1), "dossier"))
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
	v, err := Verify(ctx, db)
	if err != nil || v.Entries != 20 || v.Broken != nil {
		t.Errorf("verify = %+v, %v", v, err)
	}
}

func TestTheDatabaseRefusesToChangeAnEntry(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	if err := l.Record(ctx, nil, read(1, "dossier")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE access_log SET category = 'rien'`, `DELETE FROM access_log`} {
		if _, err := db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestVerifyNamesTheFirstBrokenEntry changes a field behind the triggers'
// back, as someone holding the database file could.
func TestVerifyNamesTheFirstBrokenEntry(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	for _, c := range []string{"a", "b", "c"} {
		if err := l.Record(ctx, nil, read(1, c)); err != nil {
			t.Fatal(err)
		}
	}
	guards := []string{`DROP TRIGGER access_log_no_update`}
	if db.Dialect == database.Postgres {
		guards = []string{`ALTER TABLE access_log DISABLE TRIGGER USER`}
	}
	for _, q := range append(guards, `UPDATE access_log SET purpose = 'autre chose' WHERE seq = 2`) {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	v, err := Verify(ctx, db)
	if err != nil || v.Entries != 3 || v.Broken == nil || v.Broken.Seq != 2 ||
		!strings.Contains(v.Broken.Problem, "a stored field was changed") {
		t.Errorf("verify = %+v (%v), %v", v, v.Broken, err)
	}
}

// TestRecordAllChainsLikeRecord writes more than a batch at once between
// single entries: the chain is intact and the person's entries all there.
func TestRecordAllChainsLikeRecord(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	if err := l.Record(ctx, nil, read(1, "avant")); err != nil {
		t.Fatal(err)
	}
	var batch []Entry
	for i := range MaxBatch + 5 {
		e := read(int64(i%2+1), "dossier")
		e.Action = Exported
		batch = append(batch, e)
	}
	if err := l.RecordAll(ctx, nil, batch); err != nil {
		t.Fatal(err)
	}
	if err := l.Record(ctx, nil, read(1, "après")); err != nil {
		t.Fatal(err)
	}
	v, err := Verify(ctx, db)
	if err != nil || v.Broken != nil || v.Entries != MaxBatch+7 {
		t.Errorf("verify = %+v (%v), %v", v, v.Broken, err)
	}
	if got, _ := l.OfPerson(ctx, 2, 0); len(got) != (MaxBatch+5)/2 {
		t.Errorf("person 2 has %d entries", len(got))
	}
}
