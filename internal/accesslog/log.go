package accesslog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Options tune a Log.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Log writes and reads the access log. It is safe for concurrent use.
type Log struct {
	db    *database.DB
	clock func() time.Time
}

// New returns the access log over db, whose migrations have run.
func New(db *database.DB, opts Options) *Log {
	l := &Log{db: db, clock: opts.Now}
	if l.clock == nil {
		l.clock = time.Now
	}
	return l
}

// Distinct from the mandate journal's lock, so that the two chains never
// wait for each other.
const lockLogSQL = `SELECT pg_advisory_xact_lock(7413020260022)`

const lastEntrySQL = `SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1`

const insertEntrySQL = `INSERT INTO access_log (seq, at, person_user_id, org_id, actor_kind, actor_id, actor_name,
	action, category, purpose, prev_hash, hash, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`

// Record appends e at the end of the chain in tx, the transaction of the
// use it describes, so that both commit or roll back together; with a nil
// tx it joins the transaction ctx carries (database.InTx), or opens one.
// At, Seq and the hashes are set here.
func (l *Log) Record(ctx context.Context, tx *sql.Tx, e Entry) error {
	if e.PersonUserID == 0 || e.Action == "" || e.ActorKind == "" || e.Category == "" {
		return errs.E(errs.Internal, "accesslog: an entry needs a person, an action, an actor and a category")
	}
	if tx == nil {
		return l.db.Transact(ctx, func(tx *sql.Tx) error { return l.Record(ctx, tx, e) })
	}
	if l.db.Dialect == database.Postgres {
		if _, err := tx.ExecContext(ctx, lockLogSQL); err != nil {
			return fmt.Errorf("lock access log: %w", err)
		}
	}
	var last int64
	prev := genesis
	err := tx.QueryRowContext(ctx, lastEntrySQL).Scan(&last, &prev)
	if err != nil && !database.IsNoRows(err) {
		return fmt.Errorf("read access log end: %w", err)
	}
	e.Seq, e.At = last+1, l.clock().UTC().Truncate(time.Microsecond)
	e.seal(prev)
	if _, err := tx.ExecContext(ctx, insertEntrySQL, e.Seq, e.At, e.PersonUserID, e.OrgID, e.ActorKind, e.ActorID,
		e.ActorName, string(e.Action), e.Category, e.Purpose, e.PrevHash, e.Hash, e.Digest); err != nil {
		return fmt.Errorf("append to access log: %w", err)
	}
	return nil
}

const entriesSQL = `SELECT seq, at, person_user_id, org_id, actor_kind, actor_id, actor_name, action, category,
	purpose, prev_hash, hash, digest, erased_at IS NOT NULL FROM access_log`

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	err := rows.Scan(&e.Seq, &e.At, &e.PersonUserID, &e.OrgID, &e.ActorKind, &e.ActorID, &e.ActorName, &e.Action,
		&e.Category, &e.Purpose, &e.PrevHash, &e.Hash, &e.Digest, &e.Erased)
	e.At = e.At.UTC()
	return e, err
}

const personEntriesSQL = entriesSQL + ` WHERE person_user_id = $1 ORDER BY seq DESC LIMIT $2`

// OfPerson returns the newest entries about a person, newest first, at
// most limit (200 when 0).
func (l *Log) OfPerson(ctx context.Context, userID int64, limit int) ([]Entry, error) {
	if limit <= 0 {
		limit = 200
	}
	rows, err := l.db.QueryContext(ctx, personEntriesSQL, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("access log of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("access log of user %d: %w", userID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MaxBatch is the most entries RecordAll writes in one statement: SQLite
// reads numbered parameters in a time that grows with their square.
const MaxBatch = 50

const insertEntriesSQL = `INSERT INTO access_log (seq, at, person_user_id, org_id, actor_kind, actor_id, actor_name,
	action, category, purpose, prev_hash, hash, digest) VALUES `

// RecordAll appends entries at the end of the chain in one transaction
// (tx, or the one ctx carries, or its own) and one statement per MaxBatch
// entries: what a streamed export writes before each batch of rows leaves.
func (l *Log) RecordAll(ctx context.Context, tx *sql.Tx, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.PersonUserID == 0 || e.Action == "" || e.ActorKind == "" || e.Category == "" {
			return errs.E(errs.Internal, "accesslog: an entry needs a person, an action, an actor and a category")
		}
	}
	if tx == nil {
		return l.db.Transact(ctx, func(tx *sql.Tx) error { return l.RecordAll(ctx, tx, entries) })
	}
	if l.db.Dialect == database.Postgres {
		if _, err := tx.ExecContext(ctx, lockLogSQL); err != nil {
			return fmt.Errorf("lock access log: %w", err)
		}
	}
	var last int64
	prev := genesis
	err := tx.QueryRowContext(ctx, lastEntrySQL).Scan(&last, &prev)
	if err != nil && !database.IsNoRows(err) {
		return fmt.Errorf("read access log end: %w", err)
	}
	at := l.clock().UTC().Truncate(time.Microsecond)
	for start := 0; start < len(entries); start += MaxBatch {
		chunk := entries[start:min(start+MaxBatch, len(entries))]
		var b strings.Builder
		args := make([]any, 0, 13*len(chunk))
		for i, e := range chunk {
			last++
			e.Seq, e.At = last, at
			e.seal(prev)
			prev = e.Hash
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)",
				n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9, n+10, n+11, n+12, n+13)
			args = append(args, e.Seq, e.At, e.PersonUserID, e.OrgID, e.ActorKind, e.ActorID, e.ActorName,
				string(e.Action), e.Category, e.Purpose, e.PrevHash, e.Hash, e.Digest)
		}
		if _, err := tx.ExecContext(ctx, insertEntriesSQL+b.String(), args...); err != nil {
			return fmt.Errorf("append to access log: %w", err)
		}
	}
	return nil
}
