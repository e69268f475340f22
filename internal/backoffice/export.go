package backoffice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/audit"
	"guichet/internal/dossiers"
)

// ExportRow is one dossier of an export. Answers holds the stored JSON of
// the answers (see dossiers.Answers) and is only valid during the call
// that receives the row: the next row reuses it.
type ExportRow struct {
	ID           int64
	Reference    string
	Procedure    string
	FormVersion  int
	State        dossiers.State
	Waiting      bool
	Name         string
	Email        string
	SubmittedAt  time.Time
	DecidedAt    time.Time // zero until decided
	AssignedName string
	Answers      []byte
}

// ShownReference is the reference as shown, XXXX-XXXX.
func (r *ExportRow) ShownReference() string { return dossiers.FormatReference(r.Reference) }

// Label is the dossier's state in plain words.
func (r *ExportRow) Label() string {
	return Row{State: r.State, Waiting: r.Waiting}.Label()
}

const exportFrom = `SELECT d.id, d.reference, d.procedure_slug, d.form_version, d.state,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL),
u.name, u.email, d.submitted_at, d.decided_at, COALESCE(a.name, ''), d.answers` + queueFrom + `
AND ($11 = '' OR d.state = $11)`

const exportSQL = exportFrom + ` ORDER BY d.submitted_at, d.id`

const exportNewestSQL = exportFrom + ` ORDER BY d.submitted_at DESC, d.id DESC`

// Export calls fn with each dossier of the filter that agent userID may
// see, in the filter's order, as the database returns them: nothing is held but
// the row at hand, whatever their number. The read is written to the
// audit log first, with the filter, format being what the agent asked
// for ("csv", "json"). An error of fn stops the export.
func (s *Service) Export(ctx context.Context, orgID, userID int64, f Filter, format string, fn func(*ExportRow) error) error {
	if err := s.refreshDelays(ctx, orgID, userID); err != nil {
		return err
	}
	if err := s.audit.Write(ctx, s.db.Querier(ctx), audit.Entry{Event: "dossiers_exported", ActorID: userID,
		Detail: fmt.Sprintf("export %s des dossiers : %s", format, describe(f))}); err != nil {
		return err
	}
	query := exportSQL
	if f.Newest {
		query = exportNewestSQL
	}
	rows, err := s.db.QueryContext(ctx, query, append(queueArgs(orgID, userID, f), string(f.State))...)
	if err != nil {
		return fmt.Errorf("export of agent %d: %w", userID, err)
	}
	defer rows.Close()
	var r ExportRow
	var decided sql.NullTime
	var answers sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Reference, &r.Procedure, &r.FormVersion, &r.State, &r.Waiting, &r.Name, &r.Email,
			&r.SubmittedAt, &decided, &r.AssignedName, &answers); err != nil {
			return fmt.Errorf("export of agent %d: %w", userID, err)
		}
		r.SubmittedAt, r.DecidedAt, r.Answers = r.SubmittedAt.UTC(), decided.Time.UTC(), answers
		if !decided.Valid {
			r.DecidedAt = time.Time{}
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// describe writes a filter for the audit log, without the search text,
// which may be a person's name.
func describe(f Filter) string {
	out := "démarche " + orAll(f.Procedure) + ", état " + orAll(string(f.State))
	if f.Assigned != "" {
		out += ", attribués à " + f.Assigned
	}
	if f.Waiting {
		out += ", en attente de correction"
	}
	if f.Late {
		out += ", en retard"
	}
	if f.Search != "" {
		out += ", avec une recherche"
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		out += ", reçus entre " + f.From.Format(time.DateOnly) + " et " + f.To.Format(time.DateOnly)
	}
	return out
}

func orAll(s string) string {
	if s == "" {
		return "toutes"
	}
	return s
}
