package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// EnqueueOptions tunes one job. The zero value runs the job now, without an
// idempotency key, with DefaultMaxAttempts attempts.
type EnqueueOptions struct {
	// Key is the idempotency key. Keys are unique across all kinds, so give
	// them a prefix that names their purpose ("dossier-42-recu").
	Key string
	// RunAt delays the job until that time; zero means now by time.Now,
	// whatever clock the queues use.
	RunAt time.Time
	// MaxAttempts bounds the runs of the job; zero means DefaultMaxAttempts.
	MaxAttempts int
	// Seal, when set, seals the payload with this key while the job waits,
	// for payloads that must not be readable in the table (links that
	// sign in, personal data). The queue that runs the job needs the same
	// key in Options.Box.
	Seal *secretbox.Box
}

// ON CONFLICT … DO NOTHING makes a second enqueue with the same key a no-op
// on both databases, even when two transactions race: PostgreSQL waits for
// the first one to end. The key's unique index is partial (jobs_key holds
// only the keys), which the conflict target names with its WHERE.
const insertJobSQL = `INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at)
VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6)
ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
RETURNING id`

const jobByKeySQL = `SELECT id FROM jobs WHERE idempotency_key = $1`

// Enqueue stores a job of the given kind in the caller's transaction (or
// directly in the database when tx is a *database.DB) and returns its id. The
// payload is marshalled to JSON; pass a json.RawMessage to store JSON as is.
// When a job with the same idempotency key exists, Enqueue stores nothing and
// returns that job's id.
//
// Workers in this process only learn of the job at their next poll; call
// Queue.Notify after the transaction commits to wake them at once.
func Enqueue(ctx context.Context, tx database.Querier, kind string, payload any, o EnqueueOptions) (int64, error) {
	args, err := newJobRow(kind, payload, o)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, insertJobSQL, args...).Scan(&id)
	if database.IsNoRows(err) && o.Key != "" {
		err = tx.QueryRowContext(ctx, jobByKeySQL, o.Key).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("enqueue %s job (key %q): %w", kind, o.Key, err)
	}
	return id, nil
}

// addJobSQL is insertJobSQL without reading the id back: on SQLite a
// RETURNING clause goes through a temporary table, which costs about as
// much as the insert itself.
const addJobSQL = `INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at)
VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6)
ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`

// Add is Enqueue for a caller that does not need the job's id, such as a
// job enqueued with the change that causes it on a busy path (a dossier
// sent): one statement, nothing read back. A job with the same
// idempotency key already there is kept, and Add stores nothing.
func Add(ctx context.Context, tx database.Querier, kind string, payload any, o EnqueueOptions) error {
	args, err := newJobRow(kind, payload, o)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, addJobSQL, args...); err != nil {
		return fmt.Errorf("enqueue %s job (key %q): %w", kind, o.Key, err)
	}
	return nil
}

// InsertFromSQL is the part of a PostgreSQL writing CTE (WITH … AS (…))
// that enqueues one job for each row that the query named from returns,
// with the values of Row as its arguments first to first+5: a change and
// its job then make one statement, one round trip, and the job exists
// exactly when the change does.
func InsertFromSQL(from string, first int) string {
	p := func(i int) string { return "$" + strconv.Itoa(first+i) }
	return `INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at)
SELECT ` + p(0) + `::text, ` + p(1) + `::text, ` + p(2) + `::text, 'queued', 0, ` + p(3) + `::integer, ` +
		p(4) + `::timestamptz, ` + p(5) + `::timestamptz FROM ` + from + `
ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`
}

// Row returns the values of a new job for InsertFromSQL, in its order.
func Row(kind string, payload any, o EnqueueOptions) ([]any, error) {
	return newJobRow(kind, payload, o)
}

// newJobRow returns the values of a new job's row, in the order of
// insertJobSQL's parameters.
func newJobRow(kind string, payload any, o EnqueueOptions) ([]any, error) {
	if kind == "" {
		return nil, errors.New("enqueue job: empty kind")
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("enqueue %s job: encode payload: %w", kind, err)
	}
	now := time.Now()
	runAt := o.RunAt
	if runAt.IsZero() {
		runAt = now
	}
	maxAttempts := o.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	stored := string(body)
	if o.Seal != nil {
		stored = o.Seal.Seal(body)
	}
	var key any // NULL when there is no key, so keyless jobs never conflict
	if o.Key != "" {
		key = o.Key
	}
	return []any{kind, stored, key, maxAttempts, dbTime(runAt), dbTime(now)}, nil
}
