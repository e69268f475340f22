package hashchain

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"guichet/internal/database/dbtest"
)

// TestWalk builds a chain of five entries in a table of its own, breaks it
// as an intruder would, and checks that Walk counts every entry and names
// the first one concerned, with the reason.
func TestWalk(t *testing.T) {
	tests := []struct {
		name     string
		tamper   []string // SQL run on the intact chain
		entries  int64
		brokenAt int64 // 0: intact
		problem  string
	}{
		{"intact", nil, 5, 0, ""},
		{"field changed", []string{`UPDATE chain SET body = 'autre chose' WHERE seq = 3`}, 5, 3, "a stored field was changed"},
		{"entry deleted", []string{`DELETE FROM chain WHERE seq = 2`}, 4, 3, "entry 2 is missing"},
		{"entries swapped", []string{`UPDATE chain SET seq = 100 WHERE seq = 2`, `UPDATE chain SET seq = 2 WHERE seq = 4`,
			`UPDATE chain SET seq = 4 WHERE seq = 100`}, 5, 2, "previous hash does not match entry 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := dbtest.OpenUnmigrated(t)
			if _, err := db.ExecContext(ctx, `CREATE TABLE chain (seq BIGINT PRIMARY KEY, body TEXT NOT NULL,
				prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`); err != nil {
				t.Fatal(err)
			}
			prev := Genesis
			for i, body := range []string{"un", "deux", "trois", "quatre", "cinq"} {
				h := Hash(prev, []byte(body))
				if _, err := db.ExecContext(ctx, `INSERT INTO chain (seq, body, prev_hash, hash) VALUES ($1, $2, $3, $4)`,
					i+1, body, prev, h); err != nil {
					t.Fatal(err)
				}
				prev = h
			}
			for _, stmt := range tt.tamper {
				if _, err := db.ExecContext(ctx, stmt); err != nil {
					t.Fatal(err)
				}
			}
			rows, err := db.QueryContext(ctx, `SELECT seq, body, prev_hash, hash FROM chain ORDER BY seq`)
			if err != nil {
				t.Fatal(err)
			}
			v, err := Walk(rows, "test chain", func(rows *sql.Rows) (Link, error) {
				var l Link
				var body string
				err := rows.Scan(&l.Seq, &body, &l.PrevHash, &l.Hash)
				prev := l.PrevHash
				l.Rehash = func() string { return Hash(prev, []byte(body)) }
				return l, err
			})
			if err != nil {
				t.Fatal(err)
			}
			if v.Entries != tt.entries {
				t.Errorf("entries = %d, want %d", v.Entries, tt.entries)
			}
			switch {
			case tt.brokenAt == 0 && v.Broken != nil:
				t.Errorf("intact chain broken at %v", v.Broken)
			case tt.brokenAt != 0 && (v.Broken == nil || v.Broken.Seq != tt.brokenAt || !strings.Contains(v.Broken.Problem, tt.problem)):
				t.Errorf("broken = %v, want entry %d: …%s…", v.Broken, tt.brokenAt, tt.problem)
			}
		})
	}
}
