package webhooks

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// The event types an endpoint may choose (DESIGN.md §5).
const (
	DossierSubmitted    = "dossier.submitted"
	DossierStateChanged = "dossier.state_changed"
	DossierMessage      = "dossier.message"
	DossierCorrected    = "dossier.corrected"
	ProfileChanged      = "profile.changed"
)

// EventType is an event an endpoint may receive, with what it means in
// French for the pages.
type EventType struct {
	Name, Label string
}

var eventTypes = []EventType{
	{DossierSubmitted, "Un dossier est envoyé par la personne"},
	{DossierStateChanged, "Un dossier change d'état (pris en charge, décidé, renvoyé pour correction, rouvert)"},
	{DossierMessage, "Un message est écrit sur un dossier"},
	{DossierCorrected, "La personne envoie la correction demandée"},
	{ProfileChanged, "Une personne déclare un changement (adresse, téléphone…) à l'organisation"},
}

// EventTypes lists the event types in the order the pages show them.
func EventTypes() []EventType { return slices.Clone(eventTypes) }

// knownType tells whether name is an event type.
func knownType(name string) bool {
	return slices.ContainsFunc(eventTypes, func(e EventType) bool { return e.Name == name })
}

// Event is something that happened, for the endpoints of one organisation.
type Event struct {
	// Type is one of the event types above.
	Type string
	// Key makes the event once only: publishing it again with the same
	// key stores nothing more (the message id derives from it). Give it a
	// prefix naming its module ("dossier-42-recu"); "" for a fresh id.
	Key string
	// At is when it happened; now when zero.
	At time.Time
	// Data is the event's "data" object, marshalled to JSON.
	Data any
}

// envelope is the body of a delivery, as the specification shapes it.
type envelope struct {
	Type      string `json:"type"`
	Timestamp string `json:"timestamp"`
	Data      any    `json:"data"`
}

// messageID is the webhook-id of an event: derived from its key under the
// instance's IDKey, so that publishing it twice gives the same id while
// two instances (a test one and the real one sending to one receiver)
// never give the same; random without a key.
func (s *Service) messageID(key string) string {
	b := make([]byte, 16)
	if key == "" {
		rand.Read(b)
	} else {
		mac := hmac.New(sha256.New, s.opts.IDKey)
		mac.Write([]byte(key))
		copy(b, mac.Sum(nil))
	}
	return "msg_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

const endpointsForEventSQL = `SELECT id, events FROM webhook_endpoints
WHERE org_id = $1 AND disabled_at IS NULL ORDER BY id`

// ON CONFLICT makes a second Publish of the same event a no-op for each
// endpoint, even when two transactions race.
const insertDeliverySQL = `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, body, status, attempts, created_at, next_attempt_at)
VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)
ON CONFLICT (endpoint_id, message_id) DO NOTHING
RETURNING id`

// Publish stores ev for every live endpoint of the organisation orgID that
// chose its type: one delivery and one job each, in the caller's
// transaction (database.InTx), so that they commit with the change. It
// returns the ids of the deliveries stored, none when no endpoint wants
// the event (the caller may then tell the organisation another way).
func (s *Service) Publish(ctx context.Context, orgID int64, ev Event) ([]int64, error) {
	if !knownType(ev.Type) {
		return nil, fmt.Errorf("publish webhook event: unknown type %q", ev.Type)
	}
	now := s.now()
	at := ev.At
	if at.IsZero() {
		at = now
	}
	var ids []int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		endpoints, err := wanting(ctx, tx, orgID, ev.Type)
		if err != nil || len(endpoints) == 0 {
			return err
		}
		// Encoded and signed only for an organisation that listens: most
		// publish to nobody, and a dossier sent then pays one lookup.
		body, err := json.Marshal(envelope{Type: ev.Type, Timestamp: at.UTC().Format("2006-01-02T15:04:05.000000Z"), Data: ev.Data})
		if err != nil {
			return fmt.Errorf("publish %s: encode data: %w", ev.Type, err)
		}
		msgID := s.messageID(ev.Key)
		for _, endpointID := range endpoints {
			var id int64
			err := tx.QueryRowContext(ctx, insertDeliverySQL, endpointID, msgID, ev.Type, s.opts.Box.Seal(body), now).Scan(&id)
			if database.IsNoRows(err) {
				continue // published before: that delivery stands
			}
			if err != nil {
				return fmt.Errorf("store %s delivery for endpoint %d: %w", ev.Type, endpointID, err)
			}
			if err := s.enqueue(ctx, tx, id, now, tryKey(id, now, 1), now, false); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// Listens tells whether a live endpoint of orgID chose eventType: a
// change that finds none has nothing to publish, and may then be written
// without a transaction of its own (a dossier sent in one statement).
// An endpoint created while the change is written may miss it, as it may
// when created while Publish runs.
func (s *Service) Listens(ctx context.Context, orgID int64, eventType string) (bool, error) {
	ids, err := wanting(ctx, s.db.Querier(ctx), orgID, eventType)
	return len(ids) > 0, err
}

// wanting returns the live endpoints of orgID that chose eventType.
func wanting(ctx context.Context, q database.Querier, orgID int64, eventType string) ([]int64, error) {
	rows, err := q.QueryContext(ctx, endpointsForEventSQL, orgID)
	if err != nil {
		return nil, fmt.Errorf("endpoints of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var events string
		if err := rows.Scan(&id, &events); err != nil {
			return nil, fmt.Errorf("endpoints of organisation %d: %w", orgID, err)
		}
		var list []string
		if json.Unmarshal([]byte(events), &list) == nil && slices.Contains(list, eventType) {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}

// payload is what a delivery job carries: no personal data, only which
// delivery to try, when that delivery was created, and whether it is a
// replay asked from the page.
type payload struct {
	Delivery int64 `json:"delivery"`
	// Created is the delivery's creation time in microseconds: a job still
	// waiting when its endpoint was deleted then leaves alone the delivery
	// that took its id since (SQLite gives it again). 0 in the jobs queued
	// before it was kept, which try whatever has the id.
	Created int64 `json:"created,omitempty"`
	Replay  bool  `json:"replay,omitempty"`
}

// tryKey is the idempotency key of the job of try n of the delivery id
// created at created. The delivery is named by its id and its creation
// time: deleting an endpoint takes its deliveries with it, and SQLite gives
// the last one's id to the next delivery, whose tries would otherwise look
// done already and never run.
func tryKey(id int64, created time.Time, n int) string {
	return fmt.Sprintf("webhook-%d-%d-%d", id, created.UnixMicro(), n)
}

// enqueue stores the job that tries delivery id, created at created, at
// runAt, in tx.
func (s *Service) enqueue(ctx context.Context, tx *sql.Tx, id int64, created time.Time, key string, runAt time.Time, replay bool) error {
	// The job's own attempts only cover failures of Guichet itself (the
	// database out of reach while recording): the receiver's failures are
	// retried by new jobs, on this package's schedule.
	if _, err := jobs.Enqueue(ctx, tx, JobKind, payload{Delivery: id, Created: created.UnixMicro(), Replay: replay},
		jobs.EnqueueOptions{Key: key, RunAt: runAt, MaxAttempts: 5}); err != nil {
		return fmt.Errorf("enqueue delivery %d: %w", id, err)
	}
	return nil
}
