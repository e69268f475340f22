// Package dbtest gives each test a fresh, migrated database: SQLite in a
// temporary folder, or a fresh PostgreSQL schema when GUICHET_TEST_DATABASE_URL
// is set. The same tests thus run on both databases.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"guichet/internal/database"
)

// EnvURL names the variable holding the PostgreSQL URL of the test server.
const EnvURL = "GUICHET_TEST_DATABASE_URL"

// Open returns a fresh migrated database, closed (and dropped) when the test ends.
func Open(t testing.TB) *database.DB {
	t.Helper()
	db := OpenUnmigrated(t)
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// OpenUnmigrated returns a fresh empty database, closed when the test ends.
func OpenUnmigrated(t testing.TB) *database.DB {
	t.Helper()
	ctx := context.Background()
	if base := os.Getenv(EnvURL); base != "" {
		return openPostgres(t, base)
	}
	db, err := database.OpenSQLite(ctx, filepath.Join(t.TempDir(), "guichet.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// URL returns a database URL for a process under test (the real binary):
// "" (SQLite in its data folder) or the URL of a fresh PostgreSQL schema.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	if base == "" {
		return ""
	}
	return schemaURL(t, base)
}

func openPostgres(t testing.TB, base string) *database.DB {
	t.Helper()
	return OpenPostgres(t, base)
}

// OpenPostgres returns a fresh empty schema of its own on the PostgreSQL
// server at base, dropped when the test ends. Most tests call Open, which
// picks the database from EnvURL; a test comparing the two dialects calls
// this one directly.
func OpenPostgres(t testing.TB, base string) *database.DB {
	t.Helper()
	db, err := database.Open(context.Background(), schemaURL(t, base), "")
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresBase returns the URL of a PostgreSQL server for tests that need
// one whatever EnvURL says: EnvURL when set, else the local server that
// scripts/test-postgres.sh uses (GUICHET_PG_BASE, by default
// postgres://postgres@127.0.0.1:5432). It returns "" and the reason when no
// server answers, so that the test can say why it skips.
func PostgresBase() (string, string) {
	if u := os.Getenv(EnvURL); u != "" {
		return u, ""
	}
	base := os.Getenv("GUICHET_PG_BASE")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432"
	}
	u := base + "/postgres?sslmode=disable&connect_timeout=2"
	c, err := sql.Open("pgx", u)
	if err != nil {
		return "", err.Error()
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.PingContext(ctx); err != nil {
		return "", "no PostgreSQL server answers at " + base + " (" + err.Error() + "); set " + EnvURL + " or GUICHET_PG_BASE"
	}
	return u, ""
}

// schemaURL creates a schema of its own for the test and returns a URL whose
// connections use it; the schema is dropped when the test ends.
func schemaURL(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer c.Close()
		c.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
