// Package database opens Guichet's storage, on embedded SQLite by default or on
// PostgreSQL, applies the embedded migrations and runs transactions.
//
// SQL is written once with $1 placeholders; both drivers accept them. The few
// statements that differ between dialects are chosen with DB.Dialect. Each
// module keeps its SQL as constants beside the function that runs it.
//
// # Writes that commit together
//
// A module's write method opens its transaction with DB.Transact. When the
// ctx it was given already carries a transaction, Transact runs in that one
// instead of opening a second: the write joins the caller's transaction,
// and the outermost Transact commits or rolls back everything. So a caller
// that must commit several modules' writes at once ("submit a dossier +
// enqueue its notification + write its history entry") opens one with
// DB.InTx and passes the ctx it receives to each service:
//
//	err := db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
//		if err := dossiers.Submit(ctx, d); err != nil { // joins tx
//			return err
//		}
//		_, err := jobs.Enqueue(ctx, tx, "notify", n, jobs.EnqueueOptions{})
//		return err
//	})
//
// Lower-level writers that are always part of a bigger write (jobs.Enqueue,
// mail.Enqueue, audit.Log.Write) take the transaction explicitly as a
// Querier. A method that joins must return every error it meets: an error
// swallowed by the caller would commit a half-done change.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
)

// Dialect names the SQL dialect of an open database.
type Dialect string

// The dialects Guichet runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database with its dialect.
type DB struct {
	*sql.DB
	Dialect Dialect
	// Source says where the data lives, without any password, for logs.
	Source string
}

// Querier is what both *sql.DB and *sql.Tx offer, so that storage functions
// can run inside or outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens PostgreSQL when url starts with postgres:// or postgresql://,
// and otherwise the SQLite file guichet.db in dataDir, creating dataDir.
func Open(ctx context.Context, url, dataDir string) (*DB, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return openPostgres(ctx, url)
	}
	if url != "" {
		return nil, fmt.Errorf("database URL must start with postgres://, got %q", redact(url))
	}
	// The folder holds the database and the secret key: this user only.
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return OpenSQLite(ctx, filepath.Join(dataDir, "guichet.db"))
}

// OpenSQLite opens (and creates) the SQLite database at path in WAL mode,
// where readers never wait for the writer and writers wait their turn. The
// file, its WAL and its shared memory are readable by this user only.
// Pages of the database file are read through a memory map (mmap_size,
// up to 256 MB of address space, not of memory): a page that a
// connection's own cache lacks is then a copy from the kernel's page
// cache, not a read system call; the places search read a few hundred
// pages per town that way. The WAL is still read as before.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	dsn := "file:" + path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=mmap_size(268435456)"
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Each connection keeps its statements prepared (stmtcache.go).
	sqlDB := sql.OpenDB(stmtConnector{base})
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{DB: sqlDB, Dialect: SQLite, Source: path}
	if err := db.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// createPrivate creates the database file with mode 0600 before SQLite does
// (SQLite would follow the umask, often leaving it readable by everyone),
// and takes group and other access away from an existing database, WAL and
// shared-memory file. SQLite gives the WAL and shared-memory files it
// creates the mode of the database file.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, info.Mode().Perm()&0o700); err != nil {
			return err
		}
	}
	return nil
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	sqlDB, err := sql.Open("pgx", withCustomPlans(url))
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redact(url), err)
	}
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db := &DB{DB: sqlDB, Dialect: Postgres, Source: redact(url)}
	if err := db.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open postgres %s: %w", redact(url), err)
	}
	return db, nil
}

// withCustomPlans asks PostgreSQL to plan each execution of a prepared
// statement with its values (plan_cache_mode, a session setting pgx sends
// from the URL), unless the URL says otherwise. The modules' optional
// filters read "$3 is empty or d.procedure_slug = $3": a generic plan, which
// PostgreSQL switches to after five executions, cannot drop them and reads
// the wrong index (the agents' queue counts went from 30 ms to 300 ms at
// the sixth page). Planning each time costs well under a millisecond.
func withCustomPlans(url string) string {
	if strings.Contains(url, "plan_cache_mode=") {
		return url
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "plan_cache_mode=force_custom_plan"
}

// txKey is the context key of the transaction opened by InTx.
type txKey struct{}

// TxFrom returns the transaction ctx carries (see InTx), nil when none.
func TxFrom(ctx context.Context) *sql.Tx {
	tx, _ := ctx.Value(txKey{}).(*sql.Tx)
	return tx
}

// Querier returns the transaction ctx carries, or db itself: what to run a
// statement on so that it joins the caller's transaction when there is one.
func (db *DB) Querier(ctx context.Context) Querier {
	if tx := TxFrom(ctx); tx != nil {
		return tx
	}
	return db
}

// InTx runs fn in a transaction and gives it a ctx carrying that
// transaction, so that the module write methods fn calls with it join it
// (their Transact reuses it) and everything commits together. Called with
// a ctx that already carries a transaction, InTx joins it too.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if tx := TxFrom(ctx); tx != nil {
		return fn(ctx, tx)
	}
	return db.begin(ctx, func(tx *sql.Tx) error { return fn(context.WithValue(ctx, txKey{}, tx), tx) })
}

// Transact runs fn in a transaction, committing when fn returns nil and
// rolling back otherwise (also when fn panics). When ctx carries a
// transaction (InTx), fn runs in it and the caller's InTx commits.
func (db *DB) Transact(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := TxFrom(ctx); tx != nil {
		return fn(tx)
	}
	return db.begin(ctx, fn)
}

// begin opens a transaction, runs fn in it and commits or rolls back.
func (db *DB) begin(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// IsUniqueViolation tells whether err comes from a unique constraint.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// IsNoRows tells whether err says a query found no row.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// redact hides the password of a database URL.
func redact(url string) string {
	at := strings.LastIndex(url, "@")
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return url
	}
	creds := url[scheme+3 : at]
	if i := strings.Index(creds, ":"); i >= 0 {
		return url[:scheme+3] + creds[:i] + ":xxxxx" + url[at:]
	}
	return url
}
