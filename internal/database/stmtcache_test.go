package database_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/database"
)

// TestKeptStatements runs statements again from the connection's cache in
// the ways the modules do: the same query inside the loop over its own
// rows, a statement failing then succeeding, a script of several
// statements, the schema changing under a kept statement, and more
// distinct statements than the cache keeps.
func TestKeptStatements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := database.OpenSQLite(ctx, filepath.Join(t.TempDir(), "kept.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: every statement meets its cached self
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);
		INSERT INTO t (v) VALUES ('a'), ('b'), ('c');`); err != nil {
		t.Fatal(err)
	}
	const byID = `SELECT v FROM t WHERE id >= $1 ORDER BY id`
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, byID, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var v string
		rows.Scan(&v)
		// The same text while its rows are open: a statement of its own.
		var inner string
		if err := tx.QueryRowContext(ctx, byID, 3).Scan(&inner); err != nil || inner != "c" {
			t.Fatalf("inner query = %q, %v", inner, err)
		}
		got = append(got, v)
	}
	rows.Close()
	tx.Commit()
	if fmt.Sprint(got) != "[a b c]" {
		t.Errorf("outer rows = %v", got)
	}

	const insert = `INSERT INTO t (v) VALUES ($1)`
	if _, err := db.ExecContext(ctx, insert, "a"); err == nil {
		t.Error("duplicate value inserted")
	}
	if _, err := db.ExecContext(ctx, insert, "d"); err != nil {
		t.Errorf("insert after a failure of the same statement: %v", err)
	}
	// The schema changes under the kept statement: SQLite prepares it again.
	if _, err := db.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM t WHERE id >= $1`, 1).Scan(&n); err != nil || n != 4 {
		t.Errorf("count = %d, %v", n, err)
	}
	// More distinct statements than the cache keeps: the oldest go, all run.
	for i := range 600 {
		var v int
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d + $1`, i), 1).Scan(&v); err != nil || v != i+1 {
			t.Fatalf("statement %d = %d, %v", i, v, err)
		}
	}
	if err := db.QueryRowContext(ctx, byID, 4).Scan(new(string)); err != nil {
		t.Errorf("first statement again: %v", err)
	}
}

// TestKeptTransactionStatements begins and ends transactions from kept
// statements in the ways that must leave the connection clean: a COMMIT
// that SQLite refuses (a deferred foreign key) is rolled back, a BEGIN
// whose context has ended begins nothing, and the next transactions on
// the same connection work.
func TestKeptTransactionStatements(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := database.OpenSQLite(ctx, filepath.Join(t.TempDir(), "tx.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // every transaction on the same connection
	if _, err := db.ExecContext(ctx, `CREATE TABLE p (id INTEGER PRIMARY KEY);
		CREATE TABLE c (p INTEGER NOT NULL REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED);`); err != nil {
		t.Fatal(err)
	}
	err = db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO c (p) VALUES ($1)`, 99)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("commit of a dangling reference = %v, want the foreign key's error", err)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.Transact(done, func(*sql.Tx) error { return nil }); err == nil {
		t.Error("a transaction began with an ended context")
	}
	if err := db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO p (id) VALUES (1)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO c (p) VALUES (1)`)
		return err
	}); err != nil {
		t.Fatalf("transaction after a refused commit: %v", err)
	}
	ro, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := ro.QueryRowContext(ctx, `SELECT COUNT(*) FROM c`).Scan(&n); err != nil || n != 1 {
		t.Errorf("rows of c = %d, %v; want only the committed one", n, err)
	}
	if err := ro.Rollback(); err != nil {
		t.Error(err)
	}
}
