package database_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

// schema is what both dialects must agree on: for each table, its columns
// and its explicitly created indexes, each written as one comparable line.
type schema map[string][]string

// TestSchemasMatch migrates a fresh SQLite file and a fresh PostgreSQL schema
// and compares tables, columns (name, type family, NOT NULL, primary key)
// and indexes (name, columns, unique, partial), so that a migration written
// for one dialect cannot drift from its twin.
func TestSchemasMatch(t *testing.T) {
	t.Parallel()
	base, why := dbtest.PostgresBase()
	if base == "" {
		t.Skip("PostgreSQL schema not compared: " + why)
	}
	ctx := context.Background()
	lite := openSQLite(t)
	pg := dbtest.OpenPostgres(t, base)
	for _, db := range []*database.DB{lite, pg} {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("migrate %s: %v", db.Dialect, err)
		}
	}
	want, got := readSchema(t, lite), readSchema(t, pg)
	if len(want) < 10 {
		t.Fatalf("SQLite schema has %d tables, want the whole schema: %v", len(want), want)
	}
	for _, d := range diffSchemas(want, got) {
		t.Error(d)
	}
}

// TestSchemaDiffFindsDrift checks the comparison itself, on SQLite alone so
// that it runs everywhere: a column, an index or a table that only one side
// has is reported.
func TestSchemaDiffFindsDrift(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := openSQLite(t), openSQLite(t)
	for _, db := range []*database.DB{a, b} {
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if d := diffSchemas(readSchema(t, a), readSchema(t, b)); len(d) > 0 {
		t.Fatalf("two migrations of the same dialect differ: %v", d)
	}
	for _, stmt := range []string{
		`ALTER TABLE users ADD COLUMN nickname TEXT`,
		`CREATE INDEX users_name ON users (name)`,
		`CREATE TABLE extra (id INTEGER PRIMARY KEY)`,
	} {
		if _, err := b.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	d := strings.Join(diffSchemas(readSchema(t, a), readSchema(t, b)), "\n")
	for _, want := range []string{"nickname", "users_name", "extra"} {
		if !strings.Contains(d, want) {
			t.Errorf("drift %q not reported; report:\n%s", want, d)
		}
	}
}

func openSQLite(t *testing.T) *database.DB {
	t.Helper()
	db, err := database.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "schema.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// diffSchemas lists, in plain words, what one schema has and the other lacks.
func diffSchemas(lite, pg schema) []string {
	var out []string
	for _, table := range sortedKeys(lite, pg) {
		l, lok := lite[table]
		p, pok := pg[table]
		switch {
		case !pok:
			out = append(out, fmt.Sprintf("table %s exists on SQLite only", table))
		case !lok:
			out = append(out, fmt.Sprintf("table %s exists on PostgreSQL only", table))
		default:
			for _, line := range l {
				if !slices.Contains(p, line) {
					out = append(out, fmt.Sprintf("%s: SQLite has %q, PostgreSQL has not", table, line))
				}
			}
			for _, line := range p {
				if !slices.Contains(l, line) {
					out = append(out, fmt.Sprintf("%s: PostgreSQL has %q, SQLite has not", table, line))
				}
			}
		}
	}
	return out
}

func sortedKeys(a, b schema) []string {
	var keys []string
	for _, m := range []schema{a, b} {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// typeFamily maps a declared type of either dialect to what the code relies
// on: integers of any width, floating point, text, instants.
func typeFamily(declared string) string {
	t := strings.ToLower(strings.TrimSpace(declared))
	switch {
	case strings.Contains(t, "int"):
		return "integer"
	case strings.Contains(t, "double"), strings.Contains(t, "real"), strings.Contains(t, "numeric"), strings.Contains(t, "float"):
		return "float"
	case strings.Contains(t, "timestamp"):
		return "instant"
	case t == "date":
		return "date"
	case strings.Contains(t, "text"), strings.Contains(t, "char"), strings.Contains(t, "json"):
		return "text"
	case strings.Contains(t, "bool"):
		return "boolean"
	case strings.Contains(t, "blob"), strings.Contains(t, "bytea"):
		return "bytes"
	}
	return "other:" + t
}

func readSchema(t *testing.T, db *database.DB) schema {
	t.Helper()
	var s schema
	var err error
	if db.Dialect == database.Postgres {
		s, err = readPostgres(db)
	} else {
		s, err = readSQLite(db)
	}
	if err != nil {
		t.Fatalf("read %s schema: %v", db.Dialect, err)
	}
	for _, lines := range s {
		slices.Sort(lines)
	}
	return s
}

func column(name, declared string, notNull, pk bool) string {
	return fmt.Sprintf("column %s %s notnull=%v pk=%v", name, typeFamily(declared), notNull || pk, pk)
}

func index(name string, columns []string, unique, partial bool) string {
	return fmt.Sprintf("index %s (%s) unique=%v partial=%v", name, strings.Join(columns, ", "), unique, partial)
}
