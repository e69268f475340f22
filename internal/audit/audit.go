package audit

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/database"
)

// Entry is one line of the audit log.
type Entry struct {
	At      time.Time
	Event   string // a name the writing module defines, like "sign_in"
	UserID  int64  // the account concerned, 0 when unknown
	ActorID int64  // who acted: the user or an administrator; 0 when nobody signed in acted
	// TokenID is the organisation's API token that acted, when one did
	// (ActorID is then 0: a token acts for its organisation, not a person).
	TokenID int64
	IP      string
	Detail  string // short, never a secret
}

// Log writes and reads the audit log. It is safe for concurrent use.
type Log struct {
	db    *database.DB
	clock func() time.Time
}

// New returns the audit log over db, dating entries with now (time.Now
// when nil).
func New(db *database.DB, now func() time.Time) *Log {
	if now == nil {
		now = time.Now
	}
	return &Log{db: db, clock: now}
}

const insertEntrySQL = `INSERT INTO audit_events (at, event, user_id, actor_id, ip, detail, token_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)`

// Write records e through q: the caller's transaction, so that the entry
// commits or rolls back with the change it describes, or nil to write it
// alone. A zero At means now.
func (l *Log) Write(ctx context.Context, q database.Querier, e Entry) error {
	if q == nil {
		q = l.db
	}
	if e.At.IsZero() {
		e.At = l.clock()
	}
	at := e.At.UTC().Truncate(time.Microsecond)
	if _, err := q.ExecContext(ctx, insertEntrySQL, at, e.Event, nullID(e.UserID), nullID(e.ActorID), e.IP, e.Detail,
		nullID(e.TokenID)); err != nil {
		return fmt.Errorf("audit %s: %w", e.Event, err)
	}
	return nil
}

const selectEntriesSQL = `SELECT at, event, COALESCE(user_id, 0), COALESCE(actor_id, 0), ip, detail,
COALESCE(token_id, 0) FROM audit_events`

const latestEntriesSQL = selectEntriesSQL + ` ORDER BY at DESC, id DESC LIMIT $1`

const latestEntriesOfUserSQL = selectEntriesSQL + ` WHERE user_id = $1 OR actor_id = $1 ORDER BY at DESC, id DESC LIMIT $2`

// List returns the latest entries about user userID (or done by them),
// newest first, at most limit of them (50 when limit is 0). userID 0
// returns the entries of everyone.
func (l *Log) List(ctx context.Context, userID int64, limit int) ([]Entry, error) {
	if limit <= 0 {
		limit = 50
	}
	query, args := latestEntriesSQL, []any{limit}
	if userID != 0 {
		query, args = latestEntriesOfUserSQL, []any{userID, limit}
	}
	rows, err := l.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit entries of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.At, &e.Event, &e.UserID, &e.ActorID, &e.IP, &e.Detail, &e.TokenID); err != nil {
			return nil, fmt.Errorf("read audit entries of user %d: %w", userID, err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit entries of user %d: %w", userID, err)
	}
	return out, nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
