package notify

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/errs"
)

// DefaultRatePerMinute is how many collective messages an organisation
// hands to the providers per minute unless configured otherwise: GOV.UK
// Notify's limit per service.
const DefaultRatePerMinute = 3000

// MaxRatePerMinute bounds what an organisation may set: twice the 50,000 a
// minute measured on one node, so that a typing slip does not read as a
// promise.
const MaxRatePerMinute = 100000

// RateLimit returns the organisation's messages per minute.
func (s *Service) RateLimit(ctx context.Context, orgID int64) (int, error) {
	return s.rateLimitIn(ctx, s.db.Querier(ctx), orgID)
}

const rateLimitSQL = `SELECT per_minute FROM notify_rate_limits WHERE org_id = $1`

func (s *Service) rateLimitIn(ctx context.Context, q querier, orgID int64) (int, error) {
	n := DefaultRatePerMinute
	err := q.QueryRowContext(ctx, rateLimitSQL, orgID).Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		return 0, fmt.Errorf("read rate limit of %d: %w", orgID, err)
	}
	return n, nil
}

const setRateLimitSQL = `INSERT INTO notify_rate_limits (org_id, per_minute) VALUES ($1, $2)
			ON CONFLICT (org_id) DO UPDATE SET per_minute = excluded.per_minute`

// SetRateLimit sets the organisation's collective messages per minute (its
// administrator). It applies to the collective sends made from then on;
// the messages already queued keep their slots.
func (s *Service) SetRateLimit(ctx context.Context, orgID int64, perMinute int) error {
	if perMinute < 1 || perMinute > MaxRatePerMinute {
		return errs.InvalidFields("Le rythme n'a pas été enregistré.", []errs.FieldError{{Field: "per_minute",
			Message: "Indiquez un nombre de messages par minute entre 1 et 100 000, par exemple 3000."}})
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, setRateLimitSQL, orgID, perMinute)
		return err
	})
}

// Queue is where an organisation's collective messages stand.
type Queue struct {
	// Waiting is how many wait for their slot (or a retry).
	Waiting int
	// Until is when the last of them is due; zero when none waits.
	Until time.Time
}

const queueCountSQL = `SELECT COUNT(*) FROM notify_messages
	WHERE org_id = $1 AND batch_id <> 0 AND status IN ('created', 'temporary-failure')`

const queueUntilSQL = `SELECT send_after FROM notify_messages
	WHERE org_id = $1 AND batch_id <> 0 AND status IN ('created', 'temporary-failure') ORDER BY send_after DESC LIMIT 1`

// QueueOf returns the organisation's collective messages still waiting.
func (s *Service) QueueOf(ctx context.Context, orgID int64) (Queue, error) {
	var q Queue
	if err := s.db.QueryRowContext(ctx, queueCountSQL, orgID).Scan(&q.Waiting); err != nil {
		return Queue{}, fmt.Errorf("count queue of %d: %w", orgID, err)
	}
	if q.Waiting == 0 {
		return q, nil
	}
	var err error
	q.Until, err = s.lastQueued(ctx, queueUntilSQL, orgID)
	return q, err
}
