package dossiers

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

const decidedDurationsSQL = `SELECT submitted_at, decided_at FROM dossiers
WHERE procedure_slug = $1 AND decided_at >= $2 AND submitted_at IS NOT NULL`

// ExpectedDelay returns N for "9 sur 10 reçoivent une réponse en moins de
// N jours": the ninth decile, in whole days rounded up, of the time from
// sending to decision of the procedure's dossiers decided in the last
// DelayWindow; ok is false below DelayMinCount of them.
func (s *Service) ExpectedDelay(ctx context.Context, procedure string) (days int, ok bool, err error) {
	rows, err := s.db.QueryContext(ctx, decidedDurationsSQL, procedure, s.now().Add(-DelayWindow))
	if err != nil {
		return 0, false, fmt.Errorf("delay of %s: %w", procedure, err)
	}
	defer rows.Close()
	var waits []time.Duration
	for rows.Next() {
		var sent, decided time.Time
		if err := rows.Scan(&sent, &decided); err != nil {
			return 0, false, fmt.Errorf("delay of %s: %w", procedure, err)
		}
		waits = append(waits, decided.Sub(sent))
	}
	if err := rows.Err(); err != nil {
		return 0, false, err
	}
	if len(waits) < DelayMinCount {
		return 0, false, nil
	}
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	// The smallest wait that 90 % of the dossiers do not exceed.
	p90 := waits[int(math.Ceil(0.9*float64(len(waits))))-1]
	return max(1, int(math.Ceil(p90.Hours()/24))), true, nil
}
