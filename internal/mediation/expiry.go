package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guichet/internal/notify"
)

// NoticeBefore is how long before its end a long mandate's person is told.
const NoticeBefore = 30 * 24 * time.Hour

const dueNoticesSQL = `SELECT ` + mandateColumns + `
	WHERE days IN (182, 365) AND notice_sent_at IS NULL AND revoked_at IS NULL AND ends_at > $1 AND ends_at <= $2
	ORDER BY id LIMIT 500`

const claimNoticeSQL = `UPDATE mediation_mandates SET notice_sent_at = $1 WHERE id = $2 AND notice_sent_at IS NULL`

const dueExpiriesSQL = `SELECT ` + mandateColumns + `
	WHERE expiry_journaled = FALSE AND revoked_at IS NULL AND ends_at <= $1 ORDER BY id LIMIT 500`

const claimExpirySQL = `UPDATE mediation_mandates SET expiry_journaled = TRUE WHERE id = $1 AND expiry_journaled = FALSE`

// ActingKept is how long Sweep keeps the record of a session acting for a
// person: far longer than any session lasts.
const ActingKept = 7 * 24 * time.Hour

const pruneActingSQL = `DELETE FROM mediation_acting WHERE started_at < $1`

// Sweep is the periodic job of mandates: it sends the expiry notice of the
// 182- and 365-day mandates ending within 30 days (once each, through
// notify, in the transaction that marks it sent) and journals the end of
// the mandates whose end has passed, and forgets the acting of sessions
// long over. Several nodes may run it at once:
// each mandate is claimed by a conditional update. It returns how many
// notices and ends it recorded.
func (s *Service) Sweep(ctx context.Context) (notices, ended int, err error) {
	now := s.now()
	due, err := s.list(ctx, dueNoticesSQL, now, now.Add(NoticeBefore))
	if err != nil {
		return 0, 0, err
	}
	for i := range due {
		ok, err := s.sendNotice(ctx, &due[i], now)
		if err != nil {
			return notices, ended, err
		}
		if ok {
			notices++
		}
	}
	// Sessions end within hours: an acting row a week old is left over.
	if _, err := s.db.ExecContext(ctx, pruneActingSQL, now.Add(-ActingKept)); err != nil {
		return notices, ended, fmt.Errorf("prune acting: %w", err)
	}
	over, err := s.list(ctx, dueExpiriesSQL, now)
	if err != nil {
		return notices, ended, err
	}
	for i := range over {
		m := &over[i]
		err := s.claimAndJournal(ctx, claimExpirySQL, []any{m.ID}, Entry{Event: EventExpired, MandateID: m.ID,
			OrgID: m.OrgID, PersonUserID: m.PersonUserID, Detail: "Fin prévue le " + FrenchDate(m.EndsAt)}, nil)
		if err == nil {
			ended++
		} else if err != errClaimed {
			return notices, ended, err
		}
	}
	return notices, ended, nil
}

// errClaimed tells that another node already did the work.
var errClaimed = fmt.Errorf("mediation: already claimed")

func (s *Service) sendNotice(ctx context.Context, m *Mandate, now time.Time) (bool, error) {
	detail := "Fin le " + FrenchDate(m.EndsAt)
	then := func(ctx context.Context) error {
		if s.notify == nil {
			return nil
		}
		name, err := s.orgName(ctx, m.OrgID)
		if err != nil {
			return err
		}
		rcpt := notify.Recipient{UserID: m.PersonUserID}
		if m.PersonUserID == 0 {
			// Without an account, the structure carries the notice.
			rcpt = notify.Recipient{HelpOrgID: m.OrgID, ForPerson: m.PersonName}
		}
		// A domiciled person's notice goes to their structure (Redirect).
		return s.Redirect(s.notify).Notify(ctx, notify.Event{Kind: notify.MandateExpiring, OrgID: m.OrgID, Recipient: rcpt,
			Data: map[string]string{"structure": name, "ends_on": FrenchDate(m.EndsAt),
				"link": strings.TrimSuffix(s.baseURL, "/") + "/compte/mandats"},
			IdempotencyKey: "mandate-" + strconv.FormatInt(m.ID, 10) + "-expiring"})
	}
	err := s.claimAndJournal(ctx, claimNoticeSQL, []any{now, m.ID}, Entry{Event: EventExpiryNotice, MandateID: m.ID,
		OrgID: m.OrgID, PersonUserID: m.PersonUserID, Detail: detail}, then)
	if err == errClaimed {
		return false, nil
	}
	return err == nil, err
}

// claimAndJournal runs the claiming update, then the journal entry and
// then (the notice), all in one transaction; errClaimed when the update
// found nothing left to claim.
func (s *Service) claimAndJournal(ctx context.Context, claim string, args []any, e Entry,
	then func(ctx context.Context) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, claim, args...)
		if err != nil {
			return fmt.Errorf("claim mandate: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errClaimed
		}
		if err := s.append(ctx, tx, e); err != nil {
			return err
		}
		if then != nil {
			return then(ctx)
		}
		return nil
	})
}

func (s *Service) orgName(ctx context.Context, id int64) (string, error) {
	if s.orgNames == nil {
		return "votre structure d'aide", nil
	}
	return s.orgNames(ctx, id)
}

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	"octobre", "novembre", "décembre"}

// FrenchDate writes t as "20 mars 2026", in Paris time.
func FrenchDate(t time.Time) string {
	if loc, err := time.LoadLocation("Europe/Paris"); err == nil {
		t = t.In(loc)
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}
