package mediation

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

const mandateColumns = `id, org_id, person_user_id, person_name, document_type, document_last4, categories, days,
	text_version, created_by, consented_at, starts_at, ends_at, revoked_at, revoked_by, revoked_side, notice_sent_at,
	person_record FROM mediation_mandates`

type scanner interface{ Scan(dest ...any) error }

func scanMandate(row scanner) (*Mandate, error) {
	var m Mandate
	var cats string
	var revoked, notice sql.NullTime
	if err := row.Scan(&m.ID, &m.OrgID, &m.PersonUserID, &m.PersonName, &m.DocumentType, &m.DocumentLast4, &cats,
		&m.Days, &m.TextVersion, &m.CreatedBy, &m.ConsentedAt, &m.StartsAt, &m.EndsAt, &revoked, &m.RevokedBy,
		&m.RevokedSide, &notice, &m.PersonRecord); err != nil {
		return nil, err
	}
	m.Categories = splitCategories(cats)
	m.ConsentedAt, m.StartsAt, m.EndsAt = m.ConsentedAt.UTC(), m.StartsAt.UTC(), m.EndsAt.UTC()
	if revoked.Valid {
		t := revoked.Time.UTC()
		m.RevokedAt = &t
	}
	if notice.Valid {
		t := notice.Time.UTC()
		m.NoticeSentAt = &t
	}
	return &m, nil
}

const mandateByIDSQL = `SELECT ` + mandateColumns + ` WHERE id = $1`

var errNoMandate = errs.E(errs.NotFound, "Ce mandat n'existe pas.")

// mandate reads one mandate through q (a transaction or the database).
func (s *Service) mandate(ctx context.Context, q database.Querier, id int64) (*Mandate, error) {
	m, err := scanMandate(q.QueryRowContext(ctx, mandateByIDSQL, id))
	if database.IsNoRows(err) {
		return nil, errNoMandate
	}
	if err != nil {
		return nil, fmt.Errorf("read mandate: %w", err)
	}
	return m, nil
}

// OfStructure returns a mandate of the structure orgID; another
// structure's mandate is not found, as if it did not exist.
func (s *Service) OfStructure(ctx context.Context, orgID, id int64) (*Mandate, error) {
	m, err := s.mandate(ctx, s.db.Querier(ctx), id)
	if err != nil {
		return nil, err
	}
	if m.OrgID != orgID {
		return nil, errNoMandate
	}
	return m, nil
}

// OfPerson returns a mandate the person userID gave; another person's is
// not found.
func (s *Service) OfPerson(ctx context.Context, userID, id int64) (*Mandate, error) {
	m, err := s.mandate(ctx, s.db.Querier(ctx), id)
	if err != nil {
		return nil, err
	}
	if userID == 0 || m.PersonUserID != userID {
		return nil, errNoMandate
	}
	return m, nil
}

func (s *Service) list(ctx context.Context, query string, args ...any) ([]Mandate, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list mandates: %w", err)
	}
	defer rows.Close()
	var out []Mandate
	for rows.Next() {
		m, err := scanMandate(rows)
		if err != nil {
			return nil, fmt.Errorf("scan mandate: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

const structureMandatesSQL = `SELECT ` + mandateColumns + ` WHERE org_id = $1 ORDER BY starts_at DESC, id DESC LIMIT $2`

// ListOfStructure returns the structure's mandates, newest first.
func (s *Service) ListOfStructure(ctx context.Context, orgID int64, limit int) ([]Mandate, error) {
	return s.list(ctx, structureMandatesSQL, orgID, limit)
}

const personMandatesSQL = `SELECT ` + mandateColumns + ` WHERE person_user_id = $1 ORDER BY starts_at DESC, id DESC`

// ListOfPerson returns every mandate a person gave, active and past.
func (s *Service) ListOfPerson(ctx context.Context, userID int64) ([]Mandate, error) {
	if userID == 0 {
		return nil, nil
	}
	return s.list(ctx, personMandatesSQL, userID)
}

// Now is the service's clock, for pages that show statuses.
func (s *Service) Now() time.Time { return s.now() }
