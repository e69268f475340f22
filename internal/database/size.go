package database

import (
	"context"
	"fmt"
)

// On PostgreSQL: the table with its indexes and TOAST. On SQLite: the pages
// of the table and of its indexes, from the dbstat table.
const (
	tableBytesPostgresSQL = `SELECT pg_total_relation_size($1::regclass)`
	tableBytesSQLiteSQL   = `SELECT COALESCE(SUM(pgsize), 0) FROM dbstat
WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = $1)`
)

// TableBytes returns the room table takes on disk, its indexes included:
// what a capacity plan multiplies by the number of rows to come.
func (db *DB) TableBytes(ctx context.Context, table string) (int64, error) {
	q := tableBytesSQLiteSQL
	if db.Dialect == Postgres {
		q = tableBytesPostgresSQL
	}
	var n int64
	if err := db.QueryRowContext(ctx, q, table).Scan(&n); err != nil {
		return 0, fmt.Errorf("size of %s: %w", table, err)
	}
	return n, nil
}
