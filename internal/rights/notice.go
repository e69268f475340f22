package rights

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/notify"
)

// noticeEvery is how long a person hears of an aid once: a year.
const noticeEvery = 365 * 24 * time.Hour

// No message about a suggestion between quietFrom and quietUntil, Paris
// time: nothing about aid is urgent enough to wake anyone, by e-mail or SMS.
const (
	quietFrom  = 20
	quietUntil = 8
)

// noticePayload is the payload of NoticeJob.
type noticePayload struct {
	UserID int64  `json:"user_id"`
	Slug   string `json:"slug"`
}

const lastNoticeSQL = `SELECT notified_at FROM rights_notices WHERE user_id = $1 AND slug = $2`

// queueNotice queues the message telling the person of a new suggestion,
// for now or the next morning, unless they heard of this aid in the last
// year.
func (s *Service) queueNotice(ctx context.Context, tx *sql.Tx, userID int64, slug string, now time.Time) error {
	if s.opts.Queue == nil {
		return nil
	}
	if recent, err := s.toldRecently(ctx, tx, userID, slug, now); err != nil || recent {
		return err
	}
	_, err := jobs.Enqueue(ctx, tx, NoticeJob, noticePayload{UserID: userID, Slug: slug}, jobs.EnqueueOptions{
		Key: fmt.Sprintf("rights-notice-%d-%s-%d", userID, slug, now.UnixMicro()), RunAt: s.morningAfter(now),
		MaxAttempts: 5})
	return err
}

// toldRecently tells whether the person was told of the aid within a year
// of now.
func (s *Service) toldRecently(ctx context.Context, q database.Querier, userID int64, slug string, now time.Time) (bool, error) {
	var at time.Time
	err := q.QueryRowContext(ctx, lastNoticeSQL, userID, slug).Scan(&at)
	if database.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read last notice: %w", err)
	}
	return now.Sub(at) < noticeEvery, nil
}

// morningAfter returns t when a message may go out at t, else the next
// 08:00 in Paris.
func (s *Service) morningAfter(t time.Time) time.Time {
	local := t.In(s.paris)
	h := local.Hour()
	if h >= quietUntil && h < quietFrom {
		return t
	}
	day := local
	if h >= quietFrom {
		day = local.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), quietUntil, 0, 0, 0, s.paris).UTC()
}

const (
	activeSuggestionSQL = `SELECT COUNT(*) FROM rights_suggestions WHERE user_id = $1 AND slug = $2
	AND dismissed_at IS NULL`
	upsertNoticeSQL = `INSERT INTO rights_notices (user_id, slug, notified_at) VALUES ($1, $2, $3)
	ON CONFLICT (user_id, slug) DO UPDATE SET notified_at = excluded.notified_at`
)

// noticeJob runs NoticeJob: the message goes only if the consent still
// holds, the suggestion is still there and not dismissed, and no message
// about the aid went in the last year; the date is kept with the message,
// in one transaction.
func (s *Service) noticeJob(ctx context.Context, j jobs.Job) error {
	var p noticePayload
	if err := j.Decode(&p); err != nil {
		return err
	}
	now := s.now()
	if morning := s.morningAfter(now); !morning.Equal(now) {
		// A job run late (a worker down at 19:59, a retry) that falls in
		// the night gives way to one in the morning.
		_, err := jobs.Enqueue(ctx, s.db, NoticeJob, p, jobs.EnqueueOptions{Key: j.Key + "-matin", RunAt: morning,
			MaxAttempts: 5})
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if ok, err := s.Allowed(ctx, p.UserID); err != nil || !ok {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, activeSuggestionSQL, p.UserID, p.Slug).Scan(&n); err != nil || n == 0 {
			return err
		}
		if recent, err := s.toldRecently(ctx, tx, p.UserID, p.Slug, now); err != nil || recent {
			return err
		}
		sn, err := s.opts.Catalogue.Snapshot(ctx)
		if err != nil {
			return err
		}
		proc, ok := sn.Procedure(p.Slug)
		if !ok {
			return nil
		}
		if err := s.opts.Notify.Notify(ctx, notify.Event{Kind: notify.AidSuggested, OrgID: proc.Org.ID,
			Recipient:      notify.Recipient{UserID: p.UserID},
			Data:           map[string]string{"procedure": proc.Title, "link": strings.TrimSuffix(s.opts.BaseURL, "/") + AccountPath},
			IdempotencyKey: j.Key}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, upsertNoticeSQL, p.UserID, p.Slug, now)
		return err
	})
}
