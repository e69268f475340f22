package rights

import (
	"context"
	"fmt"
)

// TakeUp is the take-up of one aid's suggestions made in one month: how
// many were made, and how many the person followed by starting the
// procedure. Nobody is named.
type TakeUp struct {
	Month     string // "2026-11"
	Slug      string
	Suggested int
	Followed  int
}

// Rate is the share of suggestions followed, from 0 to 1; 0 when none
// was made.
func (t TakeUp) Rate() float64 {
	if t.Suggested == 0 {
		return 0
	}
	return float64(t.Followed) / float64(t.Suggested)
}

const takeUpSQL = `SELECT month, slug, suggested, followed FROM rights_takeup ORDER BY month, slug`

// TakeUps returns the take-up per month and aid, oldest month first: the
// open data of the observatory.
func (s *Service) TakeUps(ctx context.Context) ([]TakeUp, error) {
	rows, err := s.db.QueryContext(ctx, takeUpSQL)
	if err != nil {
		return nil, fmt.Errorf("read take-up: %w", err)
	}
	defer rows.Close()
	var out []TakeUp
	for rows.Next() {
		var t TakeUp
		if err := rows.Scan(&t.Month, &t.Slug, &t.Suggested, &t.Followed); err != nil {
			return nil, fmt.Errorf("read take-up: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
