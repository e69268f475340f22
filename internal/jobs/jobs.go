// Package jobs runs Guichet's durable background jobs: notifications,
// propagation of changes, webhooks, alerts and imports.
//
// A job is enqueued in the same transaction as the change that causes it, so
// it exists exactly when the change does. Workers claim due jobs under a
// lease, run the handler registered for their kind and record the outcome; a
// failed job is retried with exponential backoff and jitter until its maximum
// number of attempts, and a job whose worker died is claimed again once its
// lease has expired. Delivery is therefore at least once: handlers receive the
// job's idempotency key so that their side effects can be deduplicated.
package jobs

import (
	"context"
	"encoding/json"
	"time"
)

// The statuses of a job, as stored in the jobs table and counted by Stats.
const (
	Queued  = "queued"  // waiting for its run_at time or for a worker
	Running = "running" // claimed by a worker that holds its lease
	Done    = "done"    // the handler succeeded
	Failed  = "failed"  // permanent error, or no attempt left
)

// DefaultMaxAttempts is the number of attempts a job gets when its
// EnqueueOptions do not say.
const DefaultMaxAttempts = 10

// Job is one claimed job as a handler sees it.
type Job struct {
	ID      int64
	Kind    string
	Payload []byte // the JSON given to Enqueue
	Key     string // the idempotency key, "" when the job has none
	Attempt int    // 1 on the first run, 2 on the first retry…
}

// Decode unmarshals the job's JSON payload into v. A payload that does not
// decode will never decode, so the error is marked Permanent.
func (j Job) Decode(v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return Permanent(err)
	}
	return nil
}

// Handler runs one job. A nil error marks the job done; an error wrapped with
// Permanent marks it failed at once; any other error schedules a retry.
type Handler func(ctx context.Context, j Job) error

// dbTime prepares a time for storage: always UTC, because SQLite compares the
// stored text, and cut to the microsecond PostgreSQL keeps, so that a value
// reads back equal on both databases.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
