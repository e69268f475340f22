package database_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no migration recorded")
	}
}

func TestPlaceholdersTimesAndReturning(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 29, 1, 30, 0, 123000000, time.UTC)
	var id int64
	err := db.QueryRowContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, "caf", "CAF du Rhône", "administration", at).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	var got time.Time
	var name string
	if err := db.QueryRowContext(ctx, `SELECT name, created_at FROM organisations WHERE id = $1`, id).Scan(&name, &got); err != nil {
		t.Fatal(err)
	}
	if name != "CAF du Rhône" || !got.Equal(at) {
		t.Errorf("got %q %v, want %q %v", name, got, "CAF du Rhône", at)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4)`,
		"caf", "Doublon", "administration", at)
	if !database.IsUniqueViolation(err) {
		t.Errorf("duplicate slug: got %v, want a unique violation", err)
	}
}

func TestTransactRollsBack(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4)`,
			"cpam", "CPAM", "administration", time.Now().UTC()); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	var n int
	db.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations`).Scan(&n)
	if n != 0 {
		t.Errorf("got %d organisations after rollback, want 0", n)
	}
}

// TestTransactJoinsInTx checks that a Transact inside InTx runs in the
// caller's transaction (it neither commits early nor waits for a second
// one), and that Querier gives that transaction.
func TestTransactJoinsInTx(t *testing.T) {
	db := dbtest.Open(t)
	ctx := context.Background()
	insert := func(ctx context.Context, slug string) error {
		return db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4)`,
				slug, slug, "administration", time.Now().UTC())
			return err
		})
	}
	boom := errors.New("boom")
	err := db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if db.Querier(ctx) != database.Querier(tx) {
			t.Error("Querier inside InTx is not the transaction")
		}
		if err := insert(ctx, "caf"); err != nil {
			return err
		}
		if err := insert(ctx, "cpam"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	var n int
	db.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations`).Scan(&n)
	if n != 0 {
		t.Errorf("got %d organisations after the caller's rollback, want 0", n)
	}
	if err := db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error { return insert(ctx, "caf") }); err != nil {
		t.Fatal(err)
	}
	db.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations`).Scan(&n)
	if n != 1 {
		t.Errorf("got %d organisations after commit, want 1", n)
	}
}
