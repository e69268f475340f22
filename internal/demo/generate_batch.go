package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guichet/internal/database"
)

// rowBatch gathers rows of one table and writes them as multi-row INSERT
// statements: one round trip and one parse for many rows, the closest the
// database/sql driver of both databases gets to PostgreSQL's COPY. SQLite
// reads numbered parameters in a time that grows with their square, so
// its statements hold fewer rows.
type rowBatch struct {
	head    string // INSERT INTO t (a, b, c) VALUES
	cols    int
	perStmt int
	args    []any
	rows    int
}

func newRowBatch(dialect database.Dialect, table string, cols ...string) *rowBatch {
	per := 1000
	if dialect == database.SQLite {
		per = 100
	}
	// Each statement holds at most 60,000 parameters (PostgreSQL's limit is 65,535).
	per = min(per, 60_000/len(cols))
	return &rowBatch{head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		cols: len(cols), perStmt: per}
}

// add queues one row: as many values as columns.
func (b *rowBatch) add(values ...any) {
	if len(values) != b.cols {
		panic(fmt.Sprintf("demo: %d values for %d columns in %s", len(values), b.cols, b.head))
	}
	b.args = append(b.args, values...)
	b.rows++
}

// flush writes the queued rows in tx and empties the batch.
func (b *rowBatch) flush(ctx context.Context, tx *sql.Tx) error {
	for start := 0; start < b.rows; start += b.perStmt {
		n := min(b.perStmt, b.rows-start)
		var sb strings.Builder
		sb.Grow(len(b.head) + n*b.cols*6)
		sb.WriteString(b.head)
		for r := range n {
			if r > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for c := range b.cols {
				if c > 0 {
					sb.WriteString(", ")
				}
				fmt.Fprintf(&sb, "$%d", r*b.cols+c+1)
			}
			sb.WriteByte(')')
		}
		args := b.args[start*b.cols : (start+n)*b.cols]
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("%s…: %w", b.head[:min(len(b.head), 40)], err)
		}
	}
	b.args, b.rows = b.args[:0], 0
	return nil
}

// The next free ids of a table. On PostgreSQL they come from the table's
// own sequence, so that a server writing at the same time never meets
// them; on SQLite the batch's transaction is the only writer.
const (
	nextIDsPostgresSQL = `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`
	maxIDUsersSQL      = `SELECT COALESCE(MAX(id), 0) FROM users`
	maxIDDossiersSQL   = `SELECT COALESCE(MAX(id), 0) FROM dossiers`
	maxIDMessagesSQL   = `SELECT COALESCE(MAX(id), 0) FROM dossier_messages`
	maxIDFeedbackSQL   = `SELECT COALESCE(MAX(id), 0) FROM listening_feedback`
)

var maxIDSQL = map[string]string{"users": maxIDUsersSQL, "dossiers": maxIDDossiersSQL,
	"dossier_messages": maxIDMessagesSQL, "listening_feedback": maxIDFeedbackSQL}

// nextIDs reserves n ids of table in tx.
func nextIDs(ctx context.Context, tx *sql.Tx, dialect database.Dialect, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if dialect == database.Postgres {
		rows, err := tx.QueryContext(ctx, nextIDsPostgresSQL, table, n)
		if err != nil {
			return nil, fmt.Errorf("ids of %s: %w", table, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var last int64
	if err := tx.QueryRowContext(ctx, maxIDSQL[table]).Scan(&last); err != nil {
		return nil, fmt.Errorf("ids of %s: %w", table, err)
	}
	for i := range n {
		ids = append(ids, last+1+int64(i))
	}
	return ids, nil
}
