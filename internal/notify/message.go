package notify

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// The statuses of a message (GOV.UK Notify's words).
const (
	StatusCreated          = "created"
	StatusSending          = "sending"
	StatusDelivered        = "delivered"
	StatusPermanentFailure = "permanent-failure"
	StatusTemporaryFailure = "temporary-failure"
	StatusTechnicalFailure = "technical-failure"
)

// StatusLabel says a status in French, for the pages.
func StatusLabel(status string) string {
	switch status {
	case StatusCreated:
		return "En attente d'envoi"
	case StatusSending:
		return "En cours d'envoi"
	case StatusDelivered:
		return "Reçu"
	case StatusPermanentFailure:
		return "Non distribuable"
	case StatusTemporaryFailure:
		return "Échec temporaire, nouvel essai prévu"
	case StatusTechnicalFailure:
		return "Échec technique"
	}
	return status
}

// Message is one message on one channel to one destination.
type Message struct {
	ID         int64
	Key        string
	OrgID      int64
	UserID     int64
	BatchID    int64
	Event      Kind
	Channel    string
	Recipient  string // e-mail address or phone number in international form
	Subject    string
	Body       string
	Parts      int // SMS parts, 0 for an e-mail
	Status     string
	ProviderID string
	Error      string
	Attempts   int
	CreatedAt  time.Time
	SendAfter  time.Time // not before: the morning for an SMS at night, a rate slot
	UpdatedAt  time.Time
}

const insertMessageSQL = `INSERT INTO notify_messages (idempotency_key, org_id, user_id, batch_id, event, channel,
	recipient, subject, body, parts, status, created_at, send_after, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'created', $11, $12, $11)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id`

// store inserts m as created with its send job, in tx. It reports false,
// storing nothing, when a message with the same key exists.
func (s *Service) store(ctx context.Context, tx querier, m Message) (bool, error) {
	id, sendAfter, err := s.insert(ctx, tx, m)
	if id == 0 || err != nil {
		return false, err
	}
	_, err = jobs.Enqueue(ctx, tx, JobKind, sendJob{ID: id}, jobs.EnqueueOptions{
		Key: JobKind + ":" + m.Key, RunAt: sendAfter, MaxAttempts: s.max})
	return err == nil, err
}

// insert stores m as created, without a job, and returns its id and the
// time it may go; id 0 when a message with the same key exists.
func (s *Service) insert(ctx context.Context, tx querier, m Message) (int64, time.Time, error) {
	now := s.now()
	if m.SendAfter.IsZero() {
		m.SendAfter = now
	}
	sendAfter := m.SendAfter.UTC().Truncate(time.Microsecond)
	var id int64
	err := tx.QueryRowContext(ctx, insertMessageSQL, m.Key, m.OrgID, m.UserID, m.BatchID, string(m.Event), m.Channel,
		m.Recipient, m.Subject, m.Body, m.Parts, now, sendAfter).Scan(&id)
	if database.IsNoRows(err) {
		return 0, sendAfter, nil
	}
	if err != nil {
		return 0, sendAfter, fmt.Errorf("store message %q: %w", m.Key, err)
	}
	return id, sendAfter, nil
}

// sendJob is the payload of a send job.
type sendJob struct {
	ID int64 `json:"id"`
}

const selectMessageSQL = `SELECT id, idempotency_key, org_id, user_id, batch_id, event, channel, recipient, subject, body,
	parts, status, provider_id, error, attempts, created_at, send_after, updated_at FROM notify_messages`

func scanMessage(row interface{ Scan(...any) error }) (Message, error) {
	var m Message
	var event string
	err := row.Scan(&m.ID, &m.Key, &m.OrgID, &m.UserID, &m.BatchID, &event, &m.Channel, &m.Recipient, &m.Subject,
		&m.Body, &m.Parts, &m.Status, &m.ProviderID, &m.Error, &m.Attempts, &m.CreatedAt, &m.SendAfter, &m.UpdatedAt)
	m.Event = Kind(event)
	m.CreatedAt, m.SendAfter, m.UpdatedAt = m.CreatedAt.UTC(), m.SendAfter.UTC(), m.UpdatedAt.UTC()
	return m, err
}

// Message returns one message by its idempotency key.
func (s *Service) Message(ctx context.Context, key string) (Message, error) {
	m, err := scanMessage(s.db.Querier(ctx).QueryRowContext(ctx, selectMessageSQL+` WHERE idempotency_key = $1`, key))
	if err != nil {
		return Message{}, fmt.Errorf("read message %q: %w", key, err)
	}
	return m, nil
}

func (s *Service) messageByID(ctx context.Context, id int64) (Message, error) {
	return scanMessage(s.db.QueryRowContext(ctx, selectMessageSQL+` WHERE id = $1`, id))
}

// SentTo lists the latest messages sent to an account, newest first.
func (s *Service) SentTo(ctx context.Context, userID int64, limit int) ([]Message, error) {
	return s.listMessages(ctx, selectMessageSQL+` WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, userID, limit)
}

func (s *Service) listMessages(ctx context.Context, query string, args ...any) ([]Message, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const setStatusSQL = `UPDATE notify_messages SET status = $1,
		provider_id = CASE WHEN $2 = '' THEN provider_id ELSE $2 END, error = $3, updated_at = $4 WHERE id = $5`

// setStatus records a status (and the provider's id and error when given).
func (s *Service) setStatus(ctx context.Context, q querier, id int64, status, providerID, errText string) error {
	_, err := q.ExecContext(ctx, setStatusSQL,
		status, providerID, truncate(errText, 500), s.now(), id)
	if err != nil {
		return fmt.Errorf("set status of message %d: %w", id, err)
	}
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
