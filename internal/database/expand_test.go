package database

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// contractRE finds what a node of the release before a migration could
// still need while the migration runs during a rolling upgrade (README,
// "Rolling upgrade"): a table or column dropped or renamed, a column's
// type changed or made NOT NULL, a NOT NULL column added without a
// default (the old nodes' INSERTs do not name it), a constraint dropped (an
// old node's ON CONFLICT may name it).
var contractRE = regexp.MustCompile(`(?is)\bdrop\s+(table|column|constraint)\b|\brename\b|\balter\s+column\s+\S+\s+(type|set\s+not\s+null)\b|` +
	`\badd\s+column\s+[^,;]*\bnot\s+null\b`)

// TestMigrationsExpandBeforeContract keeps PostgreSQL's migrations safe to
// run while nodes of the previous release still serve: a migration only
// adds (expand) unless it says, on a line "-- contract: …", which release
// stopped using what it removes, so that it ships at least one release
// after that one. (SQLite is one process: no rolling upgrade.)
func TestMigrationsExpandBeforeContract(t *testing.T) {
	names, err := fs.Glob(migrations, "migrations/postgres/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	for _, name := range names {
		body, _ := migrations.ReadFile(name)
		text := string(body)
		if strings.Contains(text, "-- contract:") || beforeTheRule[name] != "" {
			continue
		}
		for _, stmt := range strings.Split(stripComments(text), ";") {
			m := breaksOldNodes(stmt)
			if m == "" {
				continue
			}
			t.Errorf("%s: %q would break the nodes of the previous release during a rolling upgrade: "+
				"expand first (add, copy, read both), contract a release later with a line \"-- contract: …\"", name, strings.TrimSpace(m))
		}
	}
}

// beforeTheRule are the migrations that came before this test and do not
// pass it, with what a rolling upgrade across them breaks: cross them by
// stopping every node of the older release before the first new one
// starts.
var beforeTheRule = map[string]string{
	"migrations/postgres/0031_submit_writes.sql": "jobs_idempotency_key_key becomes a partial index: " +
		"the previous release's job INSERT ... ON CONFLICT (idempotency_key) no longer finds its arbiter and fails",
}

// TestContractRE checks breaksOldNodes on the statements it must and must
// not flag.
func TestContractRE(t *testing.T) {
	for stmt, want := range map[string]bool{
		"DROP TABLE old_things":                                      true,
		"ALTER TABLE t DROP COLUMN c":                                true,
		"ALTER TABLE t RENAME COLUMN a TO b":                         true,
		"ALTER TABLE t ALTER COLUMN c TYPE BIGINT":                   true,
		"ALTER TABLE t ALTER COLUMN c SET NOT NULL":                  true,
		"ALTER TABLE t ADD COLUMN c TEXT NOT NULL":                   true,
		"ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT ''":        false,
		"ALTER TABLE t ADD COLUMN c TEXT":                            false,
		"CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT NOT NULL)": false,
		"DROP INDEX dossiers_user":                                   false,
		"ALTER TABLE jobs DROP CONSTRAINT jobs_idempotency_key_key":  true,
		"CREATE INDEX t_c ON t (c)":                                  false,
	} {
		if got := breaksOldNodes(stmt) != ""; got != want {
			t.Errorf("%q flagged %v, want %v", stmt, got, want)
		}
	}
}

// breaksOldNodes returns what in stmt the previous release's nodes could
// trip on, "" when nothing: a NOT NULL column added with a default is
// filled for their INSERTs.
func breaksOldNodes(stmt string) string {
	m := contractRE.FindString(stmt)
	l := strings.ToLower(m)
	if strings.HasPrefix(l, "add") && strings.Contains(strings.ToLower(stmt), "default") {
		return ""
	}
	return m
}

// stripComments removes -- comments, whose words are not statements.
func stripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
