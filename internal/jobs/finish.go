package jobs

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// A finished job drops its payload: it served its purpose, and may hold a
// link or personal data that nobody should read in the table later.
//
// Each statement checks that this claim still holds the job (same attempt,
// still running), so a worker that lost its lease cannot overwrite the
// outcome of the worker that took over.
const (
	markDoneSQL = `UPDATE jobs SET status = 'done', payload = '', finished_at = $1, locked_by = NULL, locked_until = NULL
WHERE id = $2 AND attempts = $3 AND status = 'running'`
	markRetrySQL = `UPDATE jobs SET status = 'queued', run_at = $1, last_error = $4, locked_by = NULL, locked_until = NULL
WHERE id = $2 AND attempts = $3 AND status = 'running'`
	markFailedSQL = `UPDATE jobs SET status = 'failed', payload = '', finished_at = $1, last_error = $4, locked_by = NULL, locked_until = NULL
WHERE id = $2 AND attempts = $3 AND status = 'running'`
)

// maxErrorLen bounds the stored last_error, which may carry a stack trace.
const maxErrorLen = 4000

// finish records the outcome of one run of c: done, queued again after a
// backoff, or failed for good.
func (q *Queue) finish(ctx context.Context, c claimed, runErr error) error {
	now := q.now()
	var query string
	args := []any{now, c.ID, c.Attempt}
	switch {
	case runErr == nil:
		query = markDoneSQL
	case IsPermanent(runErr) || c.Attempt >= c.maxAttempts:
		query = markFailedSQL
		args = append(args, truncate(runErr.Error()))
		q.opts.Logger.Error("jobs: job failed for good", q.attrs(c, runErr)...)
	default:
		query = markRetrySQL
		args[0] = now.Add(q.opts.Backoff(c.Attempt))
		args = append(args, truncate(runErr.Error()))
		q.opts.Logger.Warn("jobs: job failed, will retry", append(q.attrs(c, runErr), "retry_at", args[0])...)
	}
	res, err := q.db.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("record outcome of job %d: %w", c.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		q.opts.Logger.Warn("jobs: outcome dropped, the job was taken over after this worker's lease expired", q.attrs(c, runErr)...)
	}
	return nil
}

// truncate cuts s to maxErrorLen bytes without splitting a UTF-8 character.
func truncate(s string) string {
	if len(s) <= maxErrorLen {
		return s
	}
	cut := maxErrorLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
