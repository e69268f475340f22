package database_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// TestInsertRowsWithNextIDs inserts more rows than one statement carries,
// with ids reserved beforehand, and checks that every row is there with
// its id and that the database numbers the next row past them.
func TestInsertRowsWithNextIDs(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)
	const n = 1234
	var ids []int64
	err := db.Transact(ctx, func(tx *sql.Tx) (err error) {
		if ids, err = db.NextIDs(ctx, tx, "organisations", n); err != nil {
			return err
		}
		return db.InsertRows(ctx, tx, `INSERT INTO organisations (id, slug, name, kind, created_at) VALUES`,
			`ON CONFLICT (slug) DO NOTHING`, 5, n, func(i int, args []any) []any {
				return append(args, ids[i], fmt.Sprintf("org-%d", i), fmt.Sprintf("Organisation %d", i), "administration", at)
			})
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	if len(ids) != n || len(seen) != n {
		t.Fatalf("NextIDs gave %d ids, %d distinct; want %d", len(ids), len(seen), n)
	}
	for _, i := range []int{0, 499, 500, n - 1} {
		var slug string
		if err := db.QueryRowContext(ctx, `SELECT slug FROM organisations WHERE id = $1`, ids[i]).Scan(&slug); err != nil || slug != fmt.Sprintf("org-%d", i) {
			t.Errorf("row %d: slug %q, %v", i, slug, err)
		}
	}
	var next int64
	if err := db.QueryRowContext(ctx, `INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		"apres", "Après", "administration", at).Scan(&next); err != nil {
		t.Fatal(err)
	}
	if seen[next] {
		t.Errorf("the next row got id %d, already reserved", next)
	}
}

// TestInsertRowsRefusesARowOfTheWrongWidth: a row with a value too few
// would shift every value after it into the wrong column.
func TestInsertRowsRefusesARowOfTheWrongWidth(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	ctx := context.Background()
	err := db.InsertRows(ctx, db, `INSERT INTO organisations (slug, name, kind, created_at) VALUES`, "", 4, 2,
		func(i int, args []any) []any {
			if i == 1 {
				return append(args, "b", "B", "administration")
			}
			return append(args, "a", "A", "administration", time.Now())
		})
	if err == nil {
		t.Fatal("a row of 3 values in a statement of 4 columns was accepted")
	}
	var count int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations`).Scan(&count); err != nil || count != 0 {
		t.Errorf("%d organisations stored (%v); want none", count, err)
	}
}
