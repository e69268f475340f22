package jobs

import (
	"context"
	"fmt"

	"guichet/internal/database"
)

// countJobsSQL counts the jobs in each status.
const countJobsSQL = `SELECT status, COUNT(*) FROM jobs GROUP BY status`

// Stats counts the jobs in each status, for /metrics. Every status is
// present in the map, with 0 when no job has it.
func Stats(ctx context.Context, db database.Querier) (map[string]int, error) {
	counts := map[string]int{Queued: 0, Running: 0, Done: 0, Failed: 0}
	rows, err := db.QueryContext(ctx, countJobsSQL)
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		counts[status] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	return counts, nil
}
