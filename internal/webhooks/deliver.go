package webhooks

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// The statuses of a delivery.
const (
	Pending   = "pending"   // waiting for its next try
	Delivered = "delivered" // a try got a 2xx answer
	Failed    = "failed"    // given up: three days of failed tries, or the endpoint stopped
)

// Backoff is the wait after a failed try (1 for the first): 30 seconds,
// doubling up to six hours, plus up to a tenth more at random so that the
// deliveries a receiver's outage piled up do not all come back at once.
// Three days hold about twenty tries.
func Backoff(attempt int) time.Duration {
	d := 6 * time.Hour
	if attempt >= 1 && attempt <= 10 {
		d = min(30*time.Second<<(attempt-1), d)
	}
	return d + rand.N(d/10+1)
}

// target is what a try needs of a delivery and its endpoint.
type target struct {
	status, msgID, url, secret, body string
	attempts                         int
	createdAt                        time.Time
	disabled                         bool
}

const targetSQL = `SELECT d.status, d.message_id, d.body, d.attempts, d.created_at, e.url, e.secret, e.disabled_at IS NOT NULL
FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1`

// handle runs one delivery job: one try, recorded with what came of it,
// and the next try scheduled in the same transaction when it failed.
func (s *Service) handle(ctx context.Context, j jobs.Job) error {
	var p payload
	if err := j.Decode(&p); err != nil {
		return err
	}
	var t target
	err := s.db.QueryRowContext(ctx, targetSQL, p.Delivery).Scan(&t.status, &t.msgID, &t.body, &t.attempts, &t.createdAt,
		&t.url, &t.secret, &t.disabled)
	if database.IsNoRows(err) {
		return nil // its endpoint was deleted
	}
	if err != nil {
		return fmt.Errorf("delivery %d: %w", p.Delivery, err)
	}
	if p.Created != 0 && t.createdAt.UnixMicro() != p.Created {
		return nil // its endpoint was deleted, and the id is another delivery's now
	}
	if !p.Replay && t.status != Pending {
		return nil // this job ran before, or a replay got there first
	}
	if t.disabled {
		if p.Replay {
			return nil // stopped after the replay was asked: nothing goes out
		}
		return s.giveUp(ctx, p.Delivery, "point de réception désactivé : rien n'est envoyé")
	}
	secret, err := s.opts.Box.Open(t.secret)
	if err != nil {
		return jobs.Permanent(fmt.Errorf("secret of delivery %d: %w", p.Delivery, err))
	}
	body, err := s.opts.Box.Open(t.body)
	if err != nil {
		return jobs.Permanent(fmt.Errorf("body of delivery %d: %w", p.Delivery, err))
	}
	res := s.try(ctx, t.url, t.msgID, secret, body)
	return s.recordTry(ctx, p, t, res)
}

// result is the outcome of one try.
type result struct {
	at       time.Time
	code     int
	duration time.Duration
	err      string // "" for a 2xx answer
}

// try POSTs body to url, signed, and says what came of it. Its time is the
// service's clock; its duration is measured on the machine's.
func (s *Service) try(ctx context.Context, address, msgID string, secret, body []byte) result {
	r := result{at: s.now()}
	ts := r.at.Unix()
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, address, bytes.NewReader(body))
	if err != nil {
		r.err = "adresse inutilisable : " + err.Error()
		return r
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Guichet-Webhooks/1")
	req.Header.Set("webhook-id", msgID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", Sign(secret, msgID, ts, body))
	start := time.Now()
	resp, err := s.client.Do(req)
	r.duration = time.Since(start)
	if err != nil {
		r.err = describe(err, s.opts.Timeout)
		return r
	}
	// The answer's body is not kept; reading a little of it lets the
	// connection be reused.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	r.code = resp.StatusCode
	if r.code < 200 || r.code > 299 {
		r.err = fmt.Sprintf("réponse %d %s : seule une réponse 2xx vaut accusé de réception", r.code, http.StatusText(r.code))
	}
	return r
}

// describe says in French why a try got no answer.
func describe(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, errPrivate):
		return errPrivate.Error()
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("pas de réponse en %s", strings.Replace(strings.TrimSuffix(timeout.String(), "s")+" s", ".", ",", 1))
	}
	// The address is on the page already: say only what went wrong.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return cut("pas de réponse : "+err.Error(), 500)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

const (
	insertAttemptSQL = `INSERT INTO webhook_attempts (delivery_id, at, status_code, duration_ms, error) VALUES ($1, $2, $3, $4, $5)`
	deliveredSQL     = `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, next_attempt_at = NULL, finished_at = $2 WHERE id = $1`
	retrySQL         = `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1 AND status = 'pending'`
	failedSQL        = `UPDATE webhook_deliveries SET status = 'failed', attempts = attempts + 1, next_attempt_at = NULL, finished_at = $2 WHERE id = $1 AND status = 'pending'`
	countSQL         = `UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = $1`
)

// recordTry stores the try and moves the delivery on, in one transaction
// with the job of the next try: delivered on a 2xx; else tried again after
// Backoff, the last time at three days; then failed. A replay that fails
// leaves the delivery as it was.
func (s *Service) recordTry(ctx context.Context, p payload, t target, r result) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, insertAttemptSQL, p.Delivery, r.at, r.code, r.duration.Milliseconds(), r.err); err != nil {
			return fmt.Errorf("record try of delivery %d: %w", p.Delivery, err)
		}
		var err error
		deadline := t.createdAt.UTC().Add(RetryFor)
		switch {
		case r.err == "":
			_, err = tx.ExecContext(ctx, deliveredSQL, p.Delivery, r.at)
		case p.Replay:
			_, err = tx.ExecContext(ctx, countSQL, p.Delivery)
		case !r.at.Before(deadline):
			_, err = tx.ExecContext(ctx, failedSQL, p.Delivery, r.at)
		default:
			n := t.attempts + 1
			next := r.at.Add(s.opts.Backoff(n))
			if next.After(deadline) {
				next = deadline
			}
			if _, err = tx.ExecContext(ctx, retrySQL, p.Delivery, next); err == nil {
				err = s.enqueue(ctx, tx, p.Delivery, t.createdAt, tryKey(p.Delivery, t.createdAt, n+1), next, false)
			}
		}
		if err != nil {
			return fmt.Errorf("move delivery %d on: %w", p.Delivery, err)
		}
		return nil
	})
}

// giveUp marks a pending delivery failed without trying it, with why.
func (s *Service) giveUp(ctx context.Context, id int64, why string) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := tx.ExecContext(ctx, insertAttemptSQL, id, now, 0, 0, why); err != nil {
			return fmt.Errorf("record end of delivery %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, failedSQL, id, now); err != nil {
			return fmt.Errorf("end delivery %d: %w", id, err)
		}
		return nil
	})
}

// cut shortens s to n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
