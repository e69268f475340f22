package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/notify"
)

const draftsToWarnSQL = `SELECT id, reference, user_id, org_id, procedure_slug, expires_at FROM dossiers
WHERE state = 'brouillon' AND expires_at <= $1 AND expiry_notice_at IS NULL ORDER BY id LIMIT 200`

const markNoticeSQL = `UPDATE dossiers SET expiry_notice_at = $1 WHERE id = $2 AND state = 'brouillon' AND expiry_notice_at IS NULL`

// Deletion happens only ExpiryNotice after the notice, even when the
// draft's own date has passed (a server stopped for a while): nobody
// loses a draft without two weeks' warning.
const expiredDraftsSQL = `SELECT id FROM dossiers
WHERE state = 'brouillon' AND expires_at <= $1 AND expiry_notice_at IS NOT NULL AND expiry_notice_at <= $2
ORDER BY id LIMIT 200`

// Sweep handles forgotten drafts, as a periodic job: it tells the people
// (through the notifier, by their chosen channel)
// whose draft expires within ExpiryNotice ("votre brouillon sera supprimé
// le …, reprenez-le ici"), each notice in the same transaction as its
// timeline entry, and deletes the drafts whose notice was sent at least
// ExpiryNotice ago and that were not touched since (touching a draft
// pushes its date back and clears the notice). It returns how many
// notices it queued and drafts it deleted.
func (s *Service) Sweep(ctx context.Context) (warned, deleted int, err error) {
	now := s.now()
	rows, err := s.db.QueryContext(ctx, draftsToWarnSQL, now.Add(ExpiryNotice))
	if err != nil {
		return 0, 0, fmt.Errorf("drafts to warn: %w", err)
	}
	type draft struct {
		id, user, org        int64
		reference, procedure string
		expires              time.Time
	}
	var list []draft
	for rows.Next() {
		var d draft
		if err := rows.Scan(&d.id, &d.reference, &d.user, &d.org, &d.procedure, &d.expires); err != nil {
			rows.Close()
			return 0, 0, err
		}
		list = append(list, d)
	}
	rows.Close()
	for _, d := range list {
		// The draft is kept two weeks from the notice at least.
		deletion := d.expires
		if later := now.Add(ExpiryNotice); later.After(deletion) {
			deletion = later
		}
		err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, markNoticeSQL, now, d.id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return nil
			}
			if err := addEvent(ctx, tx, d.id, Event{At: now, Kind: EventExpiryNotice, Detail: frenchDate(deletion)}); err != nil {
				return err
			}
			if s.opts.Notifier == nil {
				return nil
			}
			return s.opts.Notifier.Notify(ctx, notify.Event{Kind: notify.DraftExpiring, OrgID: d.org,
				Recipient: notify.Recipient{UserID: d.user},
				Data: map[string]string{"procedure": s.procedureTitle(ctx, d.procedure),
					"expires_on": frenchDate(deletion), "link": s.link(d.id)},
				IdempotencyKey: eventKey(d.reference, fmt.Sprintf("expiration-%d", now.Unix()))})
		})
		if err != nil {
			return warned, deleted, fmt.Errorf("warn draft %d: %w", d.id, err)
		}
		warned++
	}
	deleted, err = s.deleteExpired(ctx, now)
	return warned, deleted, err
}

// The conditions are checked again: a draft touched since it was listed
// is kept.
const deleteExpiredSQL = `DELETE FROM dossiers
WHERE id = $1 AND state = 'brouillon' AND expiry_notice_at IS NOT NULL AND expires_at <= $2
RETURNING procedure_slug, org_id, created_at`

// recordExpiredSQL keeps a trace of a deleted draft, without anything of
// its person: the figures of its procedure count it as abandoned.
const recordExpiredSQL = `INSERT INTO dossier_drafts_expired (procedure_slug, org_id, created_at, expired_at)
VALUES ($1, $2, $3, $4)`

func (s *Service) deleteExpired(ctx context.Context, now time.Time) (int, error) {
	rows, err := s.db.QueryContext(ctx, expiredDraftsSQL, now, now.Add(-ExpiryNotice))
	if err != nil {
		return 0, fmt.Errorf("expired drafts: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	n := 0
	for _, id := range ids {
		var files []string
		deleted := false
		err := s.db.Transact(ctx, func(tx *sql.Tx) error {
			var err error
			// Listed in the transaction of the deletion, so that no file
			// attached meanwhile is left on disk without its row.
			if files, err = s.storedNames(ctx, tx, id); err != nil {
				return err
			}
			var slug string
			var org int64
			var created time.Time
			err = tx.QueryRowContext(ctx, deleteExpiredSQL, id, now).Scan(&slug, &org, &created)
			if database.IsNoRows(err) {
				return nil // touched since it was listed: kept
			}
			if err != nil {
				return err
			}
			deleted = true
			_, err = tx.ExecContext(ctx, recordExpiredSQL, slug, org, created.UTC(), now)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("delete expired draft %d: %w", id, err)
		}
		if deleted {
			s.removeFiles(files)
			n++
		}
	}
	return n, nil
}
