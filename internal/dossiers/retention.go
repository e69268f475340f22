package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/notify"
)

// The retention a procedure's owner may set: how many months a closed
// dossier (accepted, refused, closed without follow-up) is kept after its
// decision. Without one, closed dossiers are kept.
const (
	MinRetentionMonths = 1
	MaxRetentionMonths = 120
	// RetentionNotice is how long before the deletion of a closed dossier
	// its person is told, once.
	RetentionNotice = 30 * 24 * time.Hour
	// retentionMonth is a month of retention: 30 days and a half.
	retentionMonth = draftMonth
)

const retentionMonthsSQL = `SELECT COALESCE(retention_months, 0) FROM dossier_settings WHERE procedure_slug = $1`

// RetentionMonths returns how many months closed dossiers of the procedure
// are kept after their decision, 0 when they are kept.
func (s *Service) RetentionMonths(ctx context.Context, procedure string) (int, error) {
	var m int
	err := s.db.QueryRowContext(ctx, retentionMonthsSQL, procedure).Scan(&m)
	if database.IsNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("retention of %s: %w", procedure, err)
	}
	return m, nil
}

const saveRetentionSQL = `INSERT INTO dossier_settings (procedure_slug, draft_lifetime_months, retention_months, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (procedure_slug) DO UPDATE SET retention_months = $3, updated_by = $4, updated_at = $5`

// A new or longer period voids the notices already sent: the sweep sends
// new ones with the new date. A shorter one never deletes without a notice.
const clearRetentionNoticesSQL = `UPDATE dossiers SET retention_notice_at = NULL
WHERE procedure_slug = $1 AND retention_notice_at IS NOT NULL`

// SetRetentionMonths records, as the procedure's owner actorID chose, how
// many months its closed dossiers are kept after their decision (0: kept).
// Nothing is deleted without a notice RetentionNotice before: the sweep
// sees to it.
func (s *Service) SetRetentionMonths(ctx context.Context, actorID int64, procedure string, months int) error {
	if months != 0 && (months < MinRetentionMonths || months > MaxRetentionMonths) {
		return errs.InvalidFields("La durée de conservation n'est pas bonne.", []errs.FieldError{{Field: "conservation",
			Message: "Indiquez un nombre de mois entre 1 et 120, par exemple 24, ou 0 pour garder les dossiers."}})
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, saveRetentionSQL, procedure, DefaultDraftMonths, nullMonths(months),
			nullID(actorID), s.now()); err != nil {
			return fmt.Errorf("save retention of %s: %w", procedure, err)
		}
		if _, err := tx.ExecContext(ctx, clearRetentionNoticesSQL, procedure); err != nil {
			return fmt.Errorf("void retention notices of %s: %w", procedure, err)
		}
		detail := procedure + " : dossiers terminés gardés " + strconv.Itoa(months) + " mois après la décision"
		if months == 0 {
			detail = procedure + " : dossiers terminés gardés sans limite"
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "dossier_retention", ActorID: actorID, Detail: detail})
	})
}

func nullMonths(m int) sql.NullInt64 { return sql.NullInt64{Int64: int64(m), Valid: m != 0} }

const retentionsSQL = `SELECT procedure_slug, retention_months FROM dossier_settings WHERE retention_months IS NOT NULL
ORDER BY procedure_slug`

// closedBeforeSQL lists closed dossiers of a procedure decided before $2,
// with (notice = false) or without a notice; the index dossiers_retention
// reads them in order of decision.
const (
	toWarnSQL = `SELECT id, user_id, org_id, reference, decided_at FROM dossiers
WHERE procedure_slug = $1 AND decided_at IS NOT NULL AND decided_at <= $2 AND retention_notice_at IS NULL
AND state IN ('accepte', 'refuse', 'sans_suite') ORDER BY decided_at LIMIT 500`
	toDeleteSQL = `SELECT id FROM dossiers
WHERE procedure_slug = $1 AND decided_at IS NOT NULL AND decided_at <= $2 AND retention_notice_at <= $3
AND state IN ('accepte', 'refuse', 'sans_suite') ORDER BY decided_at LIMIT 500`
	markRetentionNoticeSQL = `UPDATE dossiers SET retention_notice_at = $1 WHERE id = $2 AND retention_notice_at IS NULL`
)

// SweepRetention runs the procedures' retention, as a daily job: it tells
// each person, once, RetentionNotice before, that a closed dossier will be
// deleted (through the notifier, with the dossier's timeline saying so),
// then deletes the closed dossiers past their period whose notice is
// RetentionNotice old at least, completely (DeleteClosed). It returns how
// many notices it queued and dossiers it deleted.
func (s *Service) SweepRetention(ctx context.Context) (warned, deleted int, err error) {
	now := s.now()
	rows, err := s.db.QueryContext(ctx, retentionsSQL)
	if err != nil {
		return 0, 0, fmt.Errorf("retentions: %w", err)
	}
	periods := map[string]int{}
	var order []string
	for rows.Next() {
		var slug string
		var months int
		if err := rows.Scan(&slug, &months); err != nil {
			rows.Close()
			return 0, 0, err
		}
		periods[slug] = months
		order = append(order, slug)
	}
	rows.Close()
	for _, slug := range order {
		period := time.Duration(periods[slug]) * retentionMonth
		w, err := s.warnRetention(ctx, slug, now.Add(RetentionNotice-period), now)
		warned += w
		if err != nil {
			return warned, deleted, err
		}
		ids, err := s.listIDs(ctx, toDeleteSQL, slug, now.Add(-period), now.Add(-RetentionNotice))
		if err != nil {
			return warned, deleted, err
		}
		for _, id := range ids {
			err := s.DeleteClosed(ctx, id, "conservation de "+strconv.Itoa(periods[slug])+" mois écoulée")
			if errs.Is(err, errs.NotFound) {
				continue // another node's sweep deleted it first
			}
			if err != nil {
				return warned, deleted, err
			}
			deleted++
		}
	}
	return warned, deleted, nil
}

func (s *Service) warnRetention(ctx context.Context, slug string, decidedBefore, now time.Time) (int, error) {
	type closed struct {
		id, user, org int64
		reference     string
		decided       time.Time
	}
	rows, err := s.db.QueryContext(ctx, toWarnSQL, slug, decidedBefore)
	if err != nil {
		return 0, fmt.Errorf("closed dossiers of %s to warn: %w", slug, err)
	}
	var list []closed
	for rows.Next() {
		var c closed
		if err := rows.Scan(&c.id, &c.user, &c.org, &c.reference, &c.decided); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, c)
	}
	rows.Close()
	n := 0
	for _, c := range list {
		// The person has RetentionNotice from the notice, whatever the period says.
		deletion := now.Add(RetentionNotice)
		err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, markRetentionNoticeSQL, now, c.id)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k != 1 {
				return nil
			}
			if err := addEvent(ctx, tx, c.id, Event{At: now, Kind: EventRetentionNotice, Detail: frenchDate(deletion)}); err != nil {
				return err
			}
			if s.opts.Notifier == nil {
				return nil
			}
			return s.opts.Notifier.Notify(ctx, notify.Event{Kind: notify.DossierDeleting, OrgID: c.org,
				Recipient: notify.Recipient{UserID: c.user},
				Data: map[string]string{"reference": FormatReference(c.reference), "procedure": s.procedureTitle(ctx, slug),
					"deletes_on": frenchDate(deletion), "link": s.link(c.id)},
				IdempotencyKey: eventKey(c.reference, "conservation")})
		})
		if err != nil {
			return n, fmt.Errorf("warn closed dossier %d: %w", c.id, err)
		}
		n++
	}
	return n, nil
}

func (s *Service) listIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("closed dossiers to delete: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

const (
	closedDossierSQL = `SELECT user_id, reference, procedure_slug FROM dossiers
WHERE id = $1 AND state IN ('accepte', 'refuse', 'sans_suite')`
	// Answers, timeline, messages, files' rows, corrections and notes go
	// with the dossier (ON DELETE CASCADE).
	deleteClosedSQL = `DELETE FROM dossiers WHERE id = $1`
)

// DeleteClosed deletes a closed dossier completely, in one transaction:
// its answers, timeline, messages, corrections, notes and files' rows;
// the entries of the access log and of the mandate journal that named it
// become tombstones (accesslog.EraseDossier, Options.EraseJournal), so
// that the chains still verify; an audit line says which dossier went and
// why. Its files leave the disk once that has committed. A dossier that is
// not closed is not found.
func (s *Service) DeleteClosed(ctx context.Context, id int64, why string) error {
	var files []string
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var user int64
		var ref, slug string
		err := tx.QueryRowContext(ctx, closedDossierSQL, id).Scan(&user, &ref, &slug)
		if database.IsNoRows(err) {
			return errNotFound
		}
		if err != nil {
			return err
		}
		if files, err = s.storedNames(ctx, tx, id); err != nil {
			return err
		}
		now := s.now()
		if _, err := accesslog.EraseDossier(ctx, tx, now, user, ref); err != nil {
			return err
		}
		if s.opts.EraseJournal != nil {
			if err := s.opts.EraseJournal(ctx, tx, user, ref); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, deleteClosedSQL, id); err != nil {
			return fmt.Errorf("delete dossier %d: %w", id, err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "dossier_deleted", UserID: user,
			Detail: fmt.Sprintf("dossier %s (%s) supprimé : %s, %d fichiers", FormatReference(ref), slug, why, len(files))})
	})
	if err != nil {
		return fmt.Errorf("delete closed dossier %d: %w", id, err)
	}
	s.removeFiles(files)
	return nil
}
