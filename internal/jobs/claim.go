package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"guichet/internal/database"
	"guichet/internal/secretbox"
)

// claimed is a job taken by this worker, with what finishing it needs.
type claimed struct {
	Job
	maxAttempts int
	sealed      bool // Payload is still sealed: open it before the handler runs
}

// claimSQL is the one dialect-specific statement of the package: it takes the
// oldest running job whose lease expired (its worker died) or else the oldest
// due queued job, among the kinds this queue can run, and leases it.
//
// $1 now, $2 worker id, $3 lease end, $4 kinds this queue runs.
//
// PostgreSQL: FOR UPDATE SKIP LOCKED makes concurrent workers pass over a row
// another one is claiming instead of waiting for it or taking it twice.
//
// SQLite: claim runs the statement in a transaction that the driver opens
// with BEGIN IMMEDIATE (see database.OpenSQLite), so a worker holds the write
// lock before it reads and no two workers can pick the same row.
func claimSQL(d database.Dialect) string {
	kindFilter, lock := `kind IN (SELECT value FROM json_each($4))`, ``
	if d == database.Postgres {
		kindFilter, lock = `kind IN (SELECT jsonb_array_elements_text($4::jsonb))`, ` FOR UPDATE SKIP LOCKED`
	}
	return `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $2, locked_until = $3
WHERE id = COALESCE(
	(SELECT id FROM jobs WHERE status = 'running' AND locked_until <= $1 AND ` + kindFilter + `
	 ORDER BY locked_until LIMIT 1` + lock + `),
	(SELECT id FROM jobs WHERE status = 'queued' AND run_at <= $1 AND ` + kindFilter + `
	 ORDER BY run_at, id LIMIT 1` + lock + `))
RETURNING id, kind, payload, COALESCE(idempotency_key, ''), attempts, max_attempts`
}

// claim leases one due job to this worker. It reports false when no job of a
// registered kind is due.
func (q *Queue) claim(ctx context.Context) (claimed, bool, error) {
	kinds := q.kinds()
	if len(kinds) == 0 {
		return claimed{}, false, nil
	}
	kindsJSON, err := json.Marshal(kinds)
	if err != nil {
		return claimed{}, false, err
	}
	now := q.now()
	var c claimed
	var payload string
	err = q.db.Transact(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, q.claimSQL, now, q.opts.WorkerID, now.Add(q.opts.Lease), string(kindsJSON)).
			Scan(&c.ID, &c.Kind, &payload, &c.Key, &c.Attempt, &c.maxAttempts)
	})
	if database.IsNoRows(err) {
		return claimed{}, false, nil
	}
	if err != nil {
		return claimed{}, false, fmt.Errorf("claim job: %w", err)
	}
	c.Payload = []byte(payload)
	c.sealed = secretbox.IsSealed(payload)
	return c, true, nil
}

// kinds lists the registered kinds, sorted so the statement stays the same.
func (q *Queue) kinds() []string {
	q.mu.RLock()
	defer q.mu.RUnlock()
	kinds := make([]string, 0, len(q.handlers))
	for k := range q.handlers {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	return kinds
}
