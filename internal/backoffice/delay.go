package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DelayRefresh is how long the expected delay of a procedure is kept
// before the queue computes it again: the delay moves with decisions, by
// the day, so a few minutes late is nothing.
const DelayRefresh = 10 * time.Minute

const delayComputedSQL = `SELECT computed_at FROM procedure_delays WHERE procedure_slug = $1`

const saveDelaySQL = `INSERT INTO procedure_delays (procedure_slug, days, late_before, computed_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (procedure_slug) DO UPDATE SET days = excluded.days, late_before = excluded.late_before,
computed_at = excluded.computed_at`

// refreshDelays computes again the expected delay of the procedures of
// agent userID's teams when it is older than DelayRefresh, so that the
// queue tells late dossiers in its query.
func (s *Service) refreshDelays(ctx context.Context, orgID, userID int64) error {
	if s.dos == nil {
		return nil
	}
	slugs, err := s.Procedures(ctx, orgID, userID)
	if err != nil {
		return err
	}
	now := s.now()
	for _, slug := range slugs {
		var at time.Time
		err := s.db.QueryRowContext(ctx, delayComputedSQL, slug).Scan(&at)
		if err == nil && now.Sub(at) < DelayRefresh && !at.After(now) {
			continue
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("delay of %s: %w", slug, err)
		}
		days, known, err := s.dos.ExpectedDelay(ctx, slug)
		if err != nil {
			return err
		}
		var before any
		if known {
			before = now.Add(-time.Duration(days) * 24 * time.Hour)
		} else {
			days = 0
		}
		if _, err := s.db.ExecContext(ctx, saveDelaySQL, slug, days, before, now); err != nil {
			return fmt.Errorf("save delay of %s: %w", slug, err)
		}
	}
	return nil
}
