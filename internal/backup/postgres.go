package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"guichet/internal/database"
)

// pgGuidance is what to do when pg_dump is missing.
const pgGuidance = "installez le client PostgreSQL de la même version majeure que le serveur " +
	"(Debian : apt-get install postgresql-client) puis relancez guichet backup ; ou sauvegardez avec les outils " +
	"de votre hébergeur (pg_basebackup, archivage continu des WAL) et vérifiez la copie restaurée avec " +
	"« guichet restore --check --from DOSSIER », qui la compare au manifeste écrit ici"

const exportSnapshotSQL = `SELECT pg_export_snapshot()`

// dumpPostgres runs pg_dump on a snapshot exported from a read-only
// repeatable-read transaction, and digests the tables in that same
// transaction: the dump and the manifest see one state, whatever the
// server writes meanwhile.
func dumpPostgres(ctx context.Context, db *database.DB, out string, opts Options, m *Manifest) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var snapshot string
	if err := tx.QueryRowContext(ctx, exportSnapshotSQL).Scan(&snapshot); err != nil {
		return fmt.Errorf("instantané : %w", err)
	}
	pgDump, lookErr := lookPath(opts.PgDump, "pg_dump")
	if lookErr == nil {
		conn, env, schema, err := pgConn(opts.DatabaseURL)
		if err != nil {
			return err
		}
		args := []string{"--format=custom", "--no-owner", "--snapshot=" + snapshot,
			"--file=" + filepath.Join(out, DumpName), "--dbname=" + conn}
		if schema != "" {
			args = append(args, "--schema="+schema)
		}
		cmd := exec.CommandContext(ctx, pgDump, args...)
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pg_dump : %w : %s", err, strings.TrimSpace(string(b)))
		}
		if err := os.Chmod(filepath.Join(out, DumpName), 0o600); err != nil {
			return err
		}
		m.Dumped = true
	}
	if m.Tables, err = Digest(ctx, tx, database.Postgres); err != nil {
		return err
	}
	if lookErr != nil {
		return ErrNoPgDump
	}
	return nil
}

// restorePostgres loads the dump into the database of opts, replacing
// the objects it holds, in one transaction.
func restorePostgres(ctx context.Context, from string, opts Options) error {
	pgRestore, err := lookPath(opts.PgRestore, "pg_restore")
	if err != nil {
		return fmt.Errorf("pg_restore introuvable : %s", pgGuidance)
	}
	conn, env, _, err := pgConn(opts.DatabaseURL)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, pgRestore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
		"--dbname="+conn, filepath.Join(from, DumpName))
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pg_restore : %w : %s", err, strings.TrimSpace(string(b)))
	}
	return nil
}

func lookPath(given, name string) (string, error) {
	if given != "" {
		name = given
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", ErrNoPgDump
	}
	return p, nil
}

// pgConn turns the URL Guichet reads (pgx's) into one pg_dump reads
// (libpq's): the password goes to PGPASSWORD, so that it does not show in
// the process list, and a search_path parameter becomes libpq's options,
// with the schema returned so that the dump holds that schema only.
func pgConn(raw string) (conn string, env []string, schema string, err error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", nil, "", errors.New("adresse de la base PostgreSQL illisible")
	}
	q := u.Query()
	if schema = q.Get("search_path"); schema != "" {
		q.Del("search_path")
		q.Set("options", "-csearch_path="+schema)
		u.RawQuery = q.Encode()
	}
	env = os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	return u.String(), env, schema, nil
}
