package database_test

import (
	"context"
	"database/sql"
	"strings"

	"guichet/internal/database"
)

// readSQLite reads the tables, columns and explicitly created indexes of a
// SQLite database (the indexes SQLite makes for PRIMARY KEY and UNIQUE are
// left out, as PostgreSQL's constraint indexes are).
func readSQLite(db *database.DB) (schema, error) {
	ctx := context.Background()
	tables, err := strings1(ctx, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	s := schema{}
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info($1)`, table)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name, declared string
			var notNull, pk int
			if err := rows.Scan(&name, &declared, &notNull, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			s[table] = append(s[table], column(name, declared, notNull == 1, pk > 0))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if err := readSQLiteIndexes(ctx, db, table, s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func readSQLiteIndexes(ctx context.Context, db *database.DB, table string, s schema) error {
	type idx struct {
		name            string
		unique, partial bool
	}
	var list []idx
	rows, err := db.QueryContext(ctx, `SELECT name, "unique", partial FROM pragma_index_list($1) WHERE origin = 'c'`, table)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		var unique, partial int
		if err := rows.Scan(&name, &unique, &partial); err != nil {
			rows.Close()
			return err
		}
		list = append(list, idx{name, unique == 1, partial == 1})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, i := range list {
		cols, err := strings1(ctx, db, `SELECT COALESCE(name, '(expression)') FROM pragma_index_info($1) ORDER BY seqno`, i.name)
		if err != nil {
			return err
		}
		s[table] = append(s[table], index(i.name, cols, i.unique, i.partial))
	}
	return nil
}

const (
	pgTablesSQL = `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	pgColumnsSQL = `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'NO',
		EXISTS (SELECT 1 FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name
				AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
			WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema
				AND tc.table_name = c.table_name AND k.column_name = c.column_name)
		FROM information_schema.columns c WHERE c.table_schema = current_schema()`
	// pgIndexesSQL leaves out the indexes behind PRIMARY KEY and UNIQUE
	// constraints, as SQLite's automatic indexes are.
	pgIndexesSQL = `SELECT t.relname, i.relname, x.indisunique, x.indpred IS NOT NULL,
		(SELECT string_agg(COALESCE(a.attname, '(expression)'), ',' ORDER BY k.n)
			FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
			LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum)
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid
		JOIN pg_namespace ns ON ns.oid = t.relnamespace
		WHERE ns.nspname = current_schema()
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`
)

// readPostgres reads the same description from the current schema of a
// PostgreSQL database.
func readPostgres(db *database.DB) (schema, error) {
	ctx := context.Background()
	tables, err := strings1(ctx, db, pgTablesSQL)
	if err != nil {
		return nil, err
	}
	s := schema{}
	for _, table := range tables {
		s[table] = nil
	}
	err = each(ctx, db, pgColumnsSQL, func(rows *sql.Rows) error {
		var table, name, declared string
		var notNull, pk bool
		if err := rows.Scan(&table, &name, &declared, &notNull, &pk); err != nil {
			return err
		}
		if _, ok := s[table]; ok {
			s[table] = append(s[table], column(name, declared, notNull, pk))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, db, pgIndexesSQL, func(rows *sql.Rows) error {
		var table, name, cols string
		var unique, partial bool
		if err := rows.Scan(&table, &name, &unique, &partial, &cols); err != nil {
			return err
		}
		s[table] = append(s[table], index(name, strings.Split(cols, ","), unique, partial))
		return nil
	})
	return s, err
}

// strings1 returns the first column of every row of query.
func strings1(ctx context.Context, db *database.DB, query string, args ...any) ([]string, error) {
	var out []string
	err := each(ctx, db, query, func(rows *sql.Rows) error {
		var v string
		err := rows.Scan(&v)
		out = append(out, v)
		return err
	}, args...)
	return out, err
}

func each(ctx context.Context, db *database.DB, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
