package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"guichet/internal/errs"
)

// CollectiveText is what an agent writes for a collective send.
type CollectiveText struct {
	OrgID     int64
	CreatedBy int64
	Channel   string
	Subject   string // e-mail only
	Body      string
	// Transliterate, for SMS, as in Template.
	Transliterate bool
}

// Collective is a collective send: a draft under review, then sent.
type Collective struct {
	ID int64
	CollectiveText
	Status     string // "draft" or "sent"
	Recipients int
	// Parts is the total number of SMS parts: what the send costs.
	Parts    int
	Rows     []CollectiveRow // a draft's recipients
	Problems []LineProblem
	// Preview is the message of the first recipient.
	Preview   Rendered
	CreatedAt time.Time
	SentAt    time.Time
	// Counts gives, once sent, how many messages stand in each status.
	Counts map[string]int
	// Queued is how many messages wait for their turn under the rate limit
	// (or a retry); Sent how many were handed to the provider, whatever
	// became of them. QueuedUntil is when the last waiting one is due.
	Queued, Sent int
	QueuedUntil  time.Time
}

// check returns the problems of the text, placeholders being free (they
// name CSV columns) but well formed.
func (c CollectiveText) check() error {
	var problems []errs.FieldError
	if c.Channel != Email && c.Channel != SMS {
		problems = append(problems, errs.FieldError{Field: "channel", Message: "Choisissez l'e-mail ou le SMS."})
	}
	if c.Channel == Email && strings.TrimSpace(c.Subject) == "" {
		problems = append(problems, errs.FieldError{Field: "subject", Message: "Écrivez l'objet de l'e-mail."})
	}
	if strings.ContainsAny(c.Subject, "\r\n") {
		problems = append(problems, errs.FieldError{Field: "subject", Message: "L'objet doit tenir sur une seule ligne."})
	}
	if strings.TrimSpace(c.Body) == "" {
		problems = append(problems, errs.FieldError{Field: "body", Message: "Écrivez le texte du message."})
	}
	for _, f := range []struct{ name, text string }{{"subject", c.Subject}, {"body", c.Body}} {
		known := Placeholders(f.text)
		problems = append(problems, checkText(f.name, f.text, known)...)
	}
	return errs.InvalidFields("Le message n'a pas été préparé. Corrigez les champs signalés.", problems)
}

func (c CollectiveText) template() Template {
	return Template{OrgID: c.OrgID, Kind: CollectiveMessage, Channel: c.Channel, Subject: c.Subject, Body: c.Body,
		Transliterate: c.Transliterate}
}

const insertCollectiveSQL = `INSERT INTO notify_batches (org_id, created_by, channel, subject, body, transliterate,
	status, recipients, parts, rows_json, problems_json, created_at)
VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $11) RETURNING id`

// PrepareCollective checks the text and the CSV and stores a draft the agent
// reviews: good rows kept, bad lines listed. Nothing is sent yet.
func (s *Service) PrepareCollective(ctx context.Context, text CollectiveText, csvFile io.Reader) (Collective, error) {
	if err := text.check(); err != nil {
		return Collective{}, err
	}
	used := append(Placeholders(text.Subject), Placeholders(text.Body)...)
	rows, problems, err := readCollectiveCSV(csvFile, text.Channel, used)
	if err != nil {
		return Collective{}, err
	}
	if len(rows) == 0 {
		return Collective{}, errs.InvalidField("file", "Aucune ligne du fichier n'est utilisable : corrigez-les et recommencez.")
	}
	c := Collective{CollectiveText: text, Status: "draft", Recipients: len(rows), Rows: rows, Problems: problems}
	tpl := text.template()
	for _, r := range rows {
		if text.Channel == SMS {
			c.Parts += tpl.SMSCount(r.Data).Parts
		}
	}
	rowsJSON, _ := json.Marshal(rows)
	problemsJSON, _ := json.Marshal(problems)
	c.CreatedAt = s.now()
	err = s.db.Transact(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertCollectiveSQL, text.OrgID, text.CreatedBy, text.Channel, text.Subject, text.Body,
			text.Transliterate, c.Recipients, c.Parts, string(rowsJSON), string(problemsJSON), c.CreatedAt).Scan(&c.ID)
	})
	if err != nil {
		return Collective{}, fmt.Errorf("store collective draft: %w", err)
	}
	c.Preview, err = tpl.Render(rows[0].Data)
	return c, err
}

const selectCollectiveSQL = `SELECT id, org_id, created_by, channel, subject, body, transliterate, status, recipients,
	parts, rows_json, problems_json, created_at, sent_at FROM notify_batches WHERE id = $1 AND org_id = $2`

// Collective returns a collective send of the organisation, with its
// statuses once sent. Another organisation's is not found.
func (s *Service) Collective(ctx context.Context, orgID, id int64) (Collective, error) {
	var c Collective
	var rowsJSON, problemsJSON string
	var sentAt sql.NullTime
	err := s.db.Querier(ctx).QueryRowContext(ctx, selectCollectiveSQL, id, orgID).Scan(&c.ID, &c.OrgID, &c.CreatedBy,
		&c.Channel, &c.Subject, &c.Body, &c.Transliterate, &c.Status, &c.Recipients, &c.Parts, &rowsJSON, &problemsJSON,
		&c.CreatedAt, &sentAt)
	if err == sql.ErrNoRows {
		return Collective{}, errs.E(errs.NotFound, "Cet envoi n'existe pas.")
	}
	if err != nil {
		return Collective{}, fmt.Errorf("read collective %d: %w", id, err)
	}
	c.CreatedAt, c.SentAt = c.CreatedAt.UTC(), sentAt.Time.UTC()
	if rowsJSON != "" {
		if err := json.Unmarshal([]byte(rowsJSON), &c.Rows); err != nil {
			return Collective{}, fmt.Errorf("read collective %d rows: %w", id, err)
		}
	}
	if problemsJSON != "" {
		if err := json.Unmarshal([]byte(problemsJSON), &c.Problems); err != nil {
			return Collective{}, fmt.Errorf("read collective %d problems: %w", id, err)
		}
	}
	if len(c.Rows) > 0 {
		c.Preview, _ = c.template().Render(c.Rows[0].Data)
	}
	if c.Status == "sent" {
		if c.Counts, err = s.collectiveCounts(ctx, id); err != nil {
			return Collective{}, err
		}
		c.Queued = c.Counts[StatusCreated] + c.Counts[StatusTemporaryFailure]
		for _, n := range c.Counts {
			c.Sent += n
		}
		c.Sent -= c.Queued
		if c.Queued > 0 {
			if c.QueuedUntil, err = s.lastQueued(ctx, queuedUntilSQL, id); err != nil {
				return Collective{}, err
			}
		}
	}
	return c, nil
}

// The latest slot of the messages still waiting, ORDER BY … LIMIT 1 rather
// than MAX, which SQLite gives back as text.
const queuedUntilSQL = `SELECT send_after FROM notify_messages
	WHERE batch_id = $1 AND status IN ('created', 'temporary-failure') ORDER BY send_after DESC LIMIT 1`

// lastQueued runs a query giving one send_after, zero when there is none.
func (s *Service) lastQueued(ctx context.Context, query string, id int64) (time.Time, error) {
	var at sql.NullTime
	err := s.db.QueryRowContext(ctx, query, id).Scan(&at)
	if err != nil && err != sql.ErrNoRows {
		return time.Time{}, fmt.Errorf("read queue of %d: %w", id, err)
	}
	return at.Time.UTC(), nil
}

const countCollectiveSQL = `SELECT status, COUNT(*) FROM notify_messages WHERE batch_id = $1 GROUP BY status`

func (s *Service) collectiveCounts(ctx context.Context, id int64) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, countCollectiveSQL, id)
	if err != nil {
		return nil, fmt.Errorf("count collective %d: %w", id, err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		counts[st] = n
	}
	return counts, rows.Err()
}

// CollectiveMessages lists the messages of a sent collective, in the order
// of the CSV, for the progress page.
func (s *Service) CollectiveMessages(ctx context.Context, orgID, id int64, limit int) ([]Message, error) {
	return s.listMessages(ctx, selectMessageSQL+` WHERE batch_id = $1 AND org_id = $2 ORDER BY id LIMIT $3`, id, orgID, limit)
}

const markCollectiveSentSQL = `UPDATE notify_batches SET status = 'sent', rows_json = '', sent_at = $1 WHERE id = $2`

// SendCollective turns a draft into messages, each with its job, spread
// over time by the organisation's rate limit (and SMS out of quiet hours).
// Sending twice sends once.
func (s *Service) SendCollective(ctx context.Context, orgID, id int64) error {
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		c, err := s.Collective(ctx, orgID, id)
		if err != nil {
			return err
		}
		if c.Status != "draft" {
			return nil
		}
		perMinute, err := s.rateLimitIn(ctx, tx, orgID)
		if err != nil {
			return err
		}
		slots, err := s.newSlots(ctx, tx, orgID, perMinute, c.Channel)
		if err != nil {
			return err
		}
		tpl := c.template()
		ids, times := make([]int64, 0, len(c.Rows)), make([]time.Time, 0, len(c.Rows))
		for i, row := range c.Rows {
			r, err := tpl.Render(row.Data)
			if err != nil {
				return fmt.Errorf("collective %d line %d: %w", id, row.Line, err)
			}
			m := Message{Key: fmt.Sprintf("collective-%d/%d", id, i), OrgID: orgID, BatchID: id, Event: CollectiveMessage,
				Channel: c.Channel, Recipient: row.To, Subject: r.Subject, Body: r.Body, Parts: r.Count.Parts,
				SendAfter: slots.next()}
			msgID, at, err := s.insert(ctx, tx, m)
			if err != nil {
				return err
			}
			if msgID != 0 {
				ids, times = append(ids, msgID), append(times, at)
			}
		}
		if err := s.enqueueChunks(ctx, tx, fmt.Sprintf("collective-%d", id), ids, times); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, markCollectiveSentSQL,
			s.now(), id)
		return err
	})
	if err == nil && s.jobs != nil {
		s.jobs.Notify()
	}
	return err
}

// slots hands out send times, perMinute per minute from start, skipping
// quiet hours for SMS.
type slots struct {
	s         *Service
	at        time.Time
	used, per int
	quiet     bool
}

func (sl *slots) next() time.Time {
	if sl.used == sl.per {
		sl.at, sl.used = sl.at.Add(time.Minute), 0
	}
	if sl.quiet {
		sl.at = sl.s.morningAfter(sl.at)
	}
	sl.used++
	return sl.at
}

const lastSlotSQL = `SELECT send_after FROM notify_messages
		WHERE org_id = $1 AND channel = $2 AND batch_id <> 0 AND status = 'created' ORDER BY send_after DESC LIMIT 1`

// newSlots starts after the organisation's collective messages still
// waiting on the same channel, so that two sends share the rate instead of
// doubling it. The rate holds per channel: SMS sent in the evening wait for
// the morning, and an e-mail send must not wait behind them.
func (s *Service) newSlots(ctx context.Context, tx querier, orgID int64, perMinute int, channel string) (*slots, error) {
	start := s.now()
	var last sql.NullTime
	// ORDER BY … LIMIT 1 rather than MAX: SQLite gives an aggregate of a
	// time column back as text.
	err := tx.QueryRowContext(ctx, lastSlotSQL, orgID, channel).Scan(&last)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("read rate slots of %d: %w", orgID, err)
	}
	if last.Valid && !last.Time.Before(start) {
		start = last.Time.UTC().Add(time.Minute)
	}
	return &slots{s: s, at: start, per: perMinute, quiet: channel == SMS}, nil
}
