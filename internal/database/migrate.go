package database

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// createMigrationsSQL makes the table that records which migrations ran.
const createMigrationsSQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version TEXT PRIMARY KEY,
	applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`

// Migrate applies, in order, the embedded migrations of the dialect that have
// not run yet, each in its own transaction. Several processes may call it at
// once: on PostgreSQL an advisory lock serialises them, on SQLite the
// immediate transaction does.
func (db *DB) Migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/"+string(db.Dialect)+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	if _, err := db.ExecContext(ctx, createMigrationsSQL); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, name := range names {
		if err := db.migrateOne(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

const (
	// lockMigrationsSQL serialises the nodes that migrate one PostgreSQL
	// database at once, until the transaction ends.
	lockMigrationsSQL = `SELECT pg_advisory_xact_lock(7326001)`
	// migrationRanSQL counts the records of one migration, 0 or 1.
	migrationRanSQL = `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`
	// recordMigrationSQL records that a migration ran.
	recordMigrationSQL = `INSERT INTO schema_migrations (version) VALUES ($1)`
)

// migrateOne applies the migration name unless it ran already.
func (db *DB) migrateOne(ctx context.Context, name string) error {
	version := strings.TrimSuffix(name[strings.LastIndex(name, "/")+1:], ".sql")
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	return db.Transact(ctx, func(tx *sql.Tx) error {
		if db.Dialect == Postgres {
			if _, err := tx.ExecContext(ctx, lockMigrationsSQL); err != nil {
				return fmt.Errorf("lock migrations: %w", err)
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, migrationRanSQL, version).Scan(&n); err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", version, err)
		}
		if _, err := tx.ExecContext(ctx, recordMigrationSQL, version); err != nil {
			return fmt.Errorf("record migration %s: %w", version, err)
		}
		return nil
	})
}
