package webhooks

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Delivery is one event for one endpoint, with its latest tries.
type Delivery struct {
	ID         int64
	EndpointID int64
	MessageID  string // the webhook-id header
	EventType  string
	Status     string // Pending, Delivered or Failed
	Attempts   int
	CreatedAt  time.Time
	// NextAttemptAt is when a pending delivery is tried next; zero otherwise.
	NextAttemptAt time.Time
	// FinishedAt is when it was delivered or given up; zero while pending.
	FinishedAt time.Time
	// Tries are its latest tries, newest first (Deliveries fills them).
	Tries []Attempt
}

// Attempt is one try of a delivery.
type Attempt struct {
	At         time.Time
	StatusCode int // 0 when no answer came
	Duration   time.Duration
	Error      string // "" for a 2xx answer
}

// OK tells whether the try got a 2xx answer.
func (a Attempt) OK() bool { return a.Error == "" }

const selectDeliveries = `SELECT id, endpoint_id, message_id, event_type, status, attempts, created_at, next_attempt_at, finished_at
FROM webhook_deliveries`

func scanDelivery(row interface{ Scan(...any) error }) (*Delivery, error) {
	var d Delivery
	var next, finished sql.NullTime
	if err := row.Scan(&d.ID, &d.EndpointID, &d.MessageID, &d.EventType, &d.Status, &d.Attempts, &d.CreatedAt,
		&next, &finished); err != nil {
		return nil, err
	}
	d.CreatedAt = d.CreatedAt.UTC()
	if next.Valid {
		d.NextAttemptAt = next.Time.UTC()
	}
	if finished.Valid {
		d.FinishedAt = finished.Time.UTC()
	}
	return &d, nil
}

const deliveryByIDSQL = selectDeliveries + ` WHERE id = $1`

// Delivery returns the delivery id, for the module that published it and
// follows it (Publish gave the id); NotFound once its endpoint is deleted.
func (s *Service) Delivery(ctx context.Context, id int64) (*Delivery, error) {
	d, err := scanDelivery(s.db.Querier(ctx).QueryRowContext(ctx, deliveryByIDSQL, id))
	if database.IsNoRows(err) {
		return nil, errs.E(errs.NotFound, "Cet envoi n'existe plus.")
	}
	if err != nil {
		return nil, fmt.Errorf("delivery %d: %w", id, err)
	}
	return d, nil
}

const latestDeliveriesSQL = selectDeliveries + ` WHERE endpoint_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`

const latestAttemptsSQL = `SELECT at, status_code, duration_ms, error FROM webhook_attempts
WHERE delivery_id = $1 ORDER BY at DESC, id DESC LIMIT $2`

// triesShown is how many tries of each delivery the endpoint page shows.
const triesShown = 5

// Deliveries returns the latest deliveries of the endpoint id of orgID,
// newest first, at most limit (20 when 0), each with its latest tries.
func (s *Service) Deliveries(ctx context.Context, orgID, id int64, limit int) ([]Delivery, error) {
	if _, err := s.Endpoint(ctx, orgID, id); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, latestDeliveriesSQL, id, limit)
	if err != nil {
		return nil, fmt.Errorf("deliveries of endpoint %d: %w", id, err)
	}
	var out []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("deliveries of endpoint %d: %w", id, err)
		}
		out = append(out, *d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Tries, err = s.tries(ctx, out[i].ID, triesShown); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tries returns the latest tries of delivery id, newest first.
func (s *Service) tries(ctx context.Context, id int64, limit int) ([]Attempt, error) {
	rows, err := s.db.QueryContext(ctx, latestAttemptsSQL, id, limit)
	if err != nil {
		return nil, fmt.Errorf("tries of delivery %d: %w", id, err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var a Attempt
		var ms int64
		if err := rows.Scan(&a.At, &a.StatusCode, &ms, &a.Error); err != nil {
			return nil, fmt.Errorf("tries of delivery %d: %w", id, err)
		}
		a.At, a.Duration = a.At.UTC(), time.Duration(ms)*time.Millisecond
		out = append(out, a)
	}
	return out, rows.Err()
}

const deliveryOfEndpointSQL = `SELECT d.created_at FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
WHERE d.id = $1 AND d.endpoint_id = $2 AND e.org_id = $3`

// Replay sends the delivery id of the endpoint endpointID of orgID again,
// now, for actorID, whatever became of it: same webhook-id, a new
// timestamp and signature. A success marks it delivered; a failure is
// recorded and not retried (the administrator decides).
func (s *Service) Replay(ctx context.Context, actorID, orgID, endpointID, id int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		e, err := endpoint(ctx, tx, orgID, endpointID)
		if err != nil {
			return err
		}
		if e.Disabled() {
			return errs.E(errs.Conflict, "Ce point de réception est désactivé : réactivez-le avant d'envoyer à nouveau.")
		}
		var created time.Time
		err = tx.QueryRowContext(ctx, deliveryOfEndpointSQL, id, endpointID, orgID).Scan(&created)
		if database.IsNoRows(err) {
			return errs.E(errs.NotFound, "Cet envoi n'existe pas pour ce point de réception.")
		}
		if err != nil {
			return fmt.Errorf("delivery %d: %w", id, err)
		}
		now := s.now()
		if err := s.enqueue(ctx, tx, id, created, fmt.Sprintf("webhook-%d-replay-%d", id, now.UnixMicro()), now, true); err != nil {
			return err
		}
		return s.record(ctx, tx, actorID, EventDeliveryReplayed, fmt.Sprintf("envoi %d du point de réception %d de l'organisation %d",
			id, endpointID, orgID))
	})
}

const pruneDeliveriesSQL = `DELETE FROM webhook_deliveries WHERE finished_at IS NOT NULL AND finished_at < $1`

// KeepFinished is how long a delivered or given-up delivery stays visible.
const KeepFinished = 30 * 24 * time.Hour

// Prune deletes the deliveries finished more than KeepFinished ago, with
// their tries, and returns how many.
func (s *Service) Prune(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, pruneDeliveriesSQL, s.now().Add(-KeepFinished))
	if err != nil {
		return 0, fmt.Errorf("prune webhook deliveries: %w", err)
	}
	return res.RowsAffected()
}
