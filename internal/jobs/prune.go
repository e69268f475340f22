package jobs

import (
	"context"
	"fmt"
	"time"
)

// How long finished jobs stay in the table for the person who reads it
// after an incident.
const (
	KeepDone   = 7 * 24 * time.Hour
	KeepFailed = 30 * 24 * time.Hour
)

const pruneSQL = `DELETE FROM jobs WHERE (status = 'done' AND finished_at <= $1) OR (status = 'failed' AND finished_at <= $2)`

// Prune deletes the jobs done more than KeepDone ago and those failed more
// than KeepFailed ago, and returns how many went. It is meant to run now
// and then with the other purges.
func (q *Queue) Prune(ctx context.Context) (int64, error) {
	now := q.now()
	res, err := q.db.ExecContext(ctx, pruneSQL, now.Add(-KeepDone), now.Add(-KeepFailed))
	if err != nil {
		return 0, fmt.Errorf("prune finished jobs: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
