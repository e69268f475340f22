package audit

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// TestWriteJoinsTheCallersTransaction checks that an entry written in a
// transaction that rolls back is gone with it, and that entries written
// alone read back newest first.
func TestWriteJoinsTheCallersTransaction(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	log := New(db, func() time.Time { return at })
	boom := errors.New("the change failed")
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := log.Write(ctx, tx, Entry{Event: "rolled_back", IP: "192.0.2.1"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("transaction: %v", err)
	}
	if err := log.Write(ctx, nil, Entry{Event: "first"}); err != nil {
		t.Fatal(err)
	}
	if err := log.Write(ctx, db, Entry{Event: "second", At: at.Add(time.Minute), Detail: "d"}); err != nil {
		t.Fatal(err)
	}
	got, err := log.List(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Event != "second" || got[1].Event != "first" || !got[1].At.Equal(at) {
		t.Errorf("entries = %+v, want second then first, nothing of the rolled-back transaction", got)
	}
}
