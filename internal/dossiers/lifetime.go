package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
)

// The draft lifetime a procedure's owner may set, in months.
const (
	DefaultDraftMonths = 6
	MinDraftMonths     = 1
	MaxDraftMonths     = 24
	// draftMonth is the month of a lifetime: 6 of them are
	// DefaultDraftLifetime, 183 days.
	draftMonth = DefaultDraftLifetime / DefaultDraftMonths
)

const draftMonthsSQL = `SELECT draft_lifetime_months FROM dossier_settings WHERE procedure_slug = $1`

// DraftMonths returns how many months a draft of the procedure nobody
// touches is kept: what its owner set, DefaultDraftMonths otherwise.
func (s *Service) DraftMonths(ctx context.Context, procedure string) (int, error) {
	return s.draftMonthsIn(ctx, s.db.Querier(ctx), procedure)
}

func (s *Service) draftMonthsIn(ctx context.Context, q database.Querier, procedure string) (int, error) {
	var m int
	err := q.QueryRowContext(ctx, draftMonthsSQL, procedure).Scan(&m)
	if database.IsNoRows(err) {
		return DefaultDraftMonths, nil
	}
	if err != nil {
		return 0, fmt.Errorf("draft lifetime of %s: %w", procedure, err)
	}
	return m, nil
}

// lifetimeIn is how long an untouched draft of the procedure is kept.
func (s *Service) lifetimeIn(ctx context.Context, q database.Querier, procedure string) (time.Duration, error) {
	m, err := s.draftMonthsIn(ctx, q, procedure)
	return time.Duration(m) * draftMonth, err
}

const saveDraftMonthsSQL = `INSERT INTO dossier_settings (procedure_slug, draft_lifetime_months, updated_by, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (procedure_slug) DO UPDATE SET draft_lifetime_months = $2, updated_by = $3, updated_at = $4`

const draftsOfProcedureSQL = `SELECT id, updated_at, expires_at, expiry_notice_at FROM dossiers
WHERE procedure_slug = $1 AND state = 'brouillon'`

const redateDraftSQL = `UPDATE dossiers SET expires_at = $1, expiry_notice_at = $2 WHERE id = $3 AND state = 'brouillon'`

// SetDraftMonths records how many months the procedure's untouched drafts
// are kept, as its owner actorID chose, and dates its drafts again from
// their last change. A person already told of a deletion keeps at least
// the date they were given; when the new date is further than
// ExpiryNotice away, the notice is void and a new one will come. Nothing
// is deleted without a notice two weeks before: the sweep sees to it.
func (s *Service) SetDraftMonths(ctx context.Context, actorID int64, procedure string, months int) error {
	if months < MinDraftMonths || months > MaxDraftMonths {
		return errs.InvalidFields("La durée n'est pas bonne.", []errs.FieldError{{Field: "mois",
			Message: "Indiquez un nombre de mois entre 1 et 24, par exemple 6."}})
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := tx.ExecContext(ctx, saveDraftMonthsSQL, procedure, months, nullID(actorID), now); err != nil {
			return fmt.Errorf("save draft lifetime of %s: %w", procedure, err)
		}
		if err := s.redate(ctx, tx, procedure, time.Duration(months)*draftMonth, now); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "dossier_draft_lifetime", ActorID: actorID,
			Detail: procedure + " : brouillons gardés " + strconv.Itoa(months) + " mois"})
	})
}

// redate gives the procedure's drafts their date under lifetime.
func (s *Service) redate(ctx context.Context, tx *sql.Tx, procedure string, lifetime time.Duration, now time.Time) error {
	type draft struct {
		id               int64
		updated, expires time.Time
		notice           sql.NullTime
	}
	rows, err := tx.QueryContext(ctx, draftsOfProcedureSQL, procedure)
	if err != nil {
		return fmt.Errorf("drafts of %s: %w", procedure, err)
	}
	var list []draft
	for rows.Next() {
		var d draft
		var expires sql.NullTime
		if err := rows.Scan(&d.id, &d.updated, &expires, &d.notice); err != nil {
			rows.Close()
			return fmt.Errorf("drafts of %s: %w", procedure, err)
		}
		d.expires = expires.Time
		list = append(list, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range list {
		expires, notice := d.updated.Add(lifetime).UTC(), d.notice
		if notice.Valid && d.expires.After(expires) {
			expires = d.expires.UTC() // the date the person was given
		}
		if expires.After(now.Add(ExpiryNotice)) {
			notice = sql.NullTime{}
		}
		if _, err := tx.ExecContext(ctx, redateDraftSQL, expires, notice, d.id); err != nil {
			return fmt.Errorf("date draft %d again: %w", d.id, err)
		}
	}
	return nil
}
