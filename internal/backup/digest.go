package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guichet/internal/database"
)

// Table is what the manifest keeps of a table: enough to tell an identical
// copy from any other.
type Table struct {
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"`
}

const (
	tablesSQLiteSQL   = `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	tablesPostgresSQL = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
)

// Digest reads every table of q in full, in the order of all its columns,
// and returns its row count and the SHA-256 of its rows written out one
// value at a time (times in UTC, so that the time zone of the session
// changes nothing).
func Digest(ctx context.Context, q database.Querier, dialect database.Dialect) (map[string]Table, error) {
	list := tablesSQLiteSQL
	if dialect == database.Postgres {
		list = tablesPostgresSQL
	}
	rows, err := q.QueryContext(ctx, list)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]Table, len(names))
	for _, n := range names {
		t, err := digestTable(ctx, q, n)
		if err != nil {
			return nil, err
		}
		out[n] = t
	}
	return out, nil
}

// The table's name comes from the database's own catalogue, quoted.
const (
	columnsOfSQL = `SELECT * FROM %s LIMIT 0`
	rowsOfSQL    = `SELECT * FROM %s ORDER BY %s`
)

func digestTable(ctx context.Context, q database.Querier, name string) (Table, error) {
	quoted := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	head, err := q.QueryContext(ctx, fmt.Sprintf(columnsOfSQL, quoted))
	if err != nil {
		return Table{}, fmt.Errorf("columns of %s: %w", name, err)
	}
	cols, err := head.Columns()
	head.Close()
	if err != nil {
		return Table{}, err
	}
	order := make([]string, len(cols))
	for i := range cols {
		order[i] = strconv.Itoa(i + 1)
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(rowsOfSQL, quoted, strings.Join(order, ", ")))
	if err != nil {
		return Table{}, fmt.Errorf("rows of %s: %w", name, err)
	}
	defer rows.Close()
	h := sha256.New()
	var t Table
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var b []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return Table{}, fmt.Errorf("row of %s: %w", name, err)
		}
		b = b[:0]
		for _, v := range vals {
			b = appendValue(b, v)
			b = append(b, 0x1f)
		}
		b = append(b, '\n')
		h.Write(b)
		t.Rows++
	}
	if err := rows.Err(); err != nil {
		return Table{}, err
	}
	t.SHA256 = hex.EncodeToString(h.Sum(nil))
	return t, nil
}

// appendValue writes one value with its kind, so that NULL, "" and 0 differ.
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'N')
	case time.Time:
		return x.UTC().AppendFormat(append(b, 'T'), time.RFC3339Nano)
	case []byte:
		return hex.AppendEncode(append(b, 'B'), x)
	case string:
		return append(append(b, 'S'), x...)
	case int64:
		return strconv.AppendInt(append(b, 'I'), x, 10)
	case float64:
		return strconv.AppendFloat(append(b, 'F'), x, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(append(b, 'L'), x)
	}
	return fmt.Appendf(append(b, '?'), "%v", v)
}

// Difference is a table whose copy differs from the manifest.
type Difference struct {
	Table     string
	Want, Got Table
}

func (d Difference) String() string {
	return fmt.Sprintf("%s : %d lignes attendues, %d trouvées (empreinte %.12s, trouvée %.12s)",
		d.Table, d.Want.Rows, d.Got.Rows, d.Want.SHA256, d.Got.SHA256)
}

// Compare lists the tables of want that got lacks or holds otherwise, and
// the tables got has beyond want.
func Compare(want, got map[string]Table) []Difference {
	var out []Difference
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			out = append(out, Difference{name, w, g})
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			out = append(out, Difference{Table: name, Got: g})
		}
	}
	return out
}
