package backoffice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/accesslog"
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
	// userID is the dossier's person, for their access log.
	userID int64
}

// ShownReference is the reference as shown, XXXX-XXXX.
func (r *ExportRow) ShownReference() string { return dossiers.FormatReference(r.Reference) }

// Label is the dossier's state in plain words.
func (r *ExportRow) Label() string {
	return Row{State: r.State, Waiting: r.Waiting}.Label()
}

const exportFrom = `SELECT d.id, d.reference, d.procedure_slug, d.form_version, d.state,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL),
u.name, u.email, d.submitted_at, d.decided_at, COALESCE(a.name, ''), d.answers, d.user_id` + queueFrom + `
AND ($11 = '' OR d.state = $11)`

// exportBatch is how many rows of an export are held at once, between
// their access log entries and their writing out.
const exportBatch = 50

const exportSQL = exportFrom + ` ORDER BY d.submitted_at, d.id`

const exportNewestSQL = exportFrom + ` ORDER BY d.submitted_at DESC, d.id DESC`

// Export calls fn with each dossier of the filter that agent userID may
// see, in the filter's order, as the database returns them: nothing is held but
// a batch of rows, whatever their number. The read is written to the
// audit log first, with the filter, format being what the agent asked
// for ("csv", "json"), and each dossier to its person's access log before
// its batch goes to fn. An error of fn stops the export.
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
	// Rows leave in batches, each written to its people's access logs
	// first: nobody's dossier leaves without the person being able to see
	// it, and memory holds one batch, whatever the number of rows.
	batch := make([]ExportRow, 0, exportBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// One entry per person of the batch, naming their dossiers.
		var entries []accesslog.Entry
		at := map[int64]int{}
		for _, r := range batch {
			if i, ok := at[r.userID]; ok {
				entries[i].Category += ", " + r.ShownReference()
				continue
			}
			at[r.userID] = len(entries)
			entries = append(entries, accesslog.Entry{PersonUserID: r.userID, OrgID: orgID, ActorKind: accesslog.ByAgent,
				ActorID: userID, Action: accesslog.Exported, Category: "dossier " + r.ShownReference(),
				Purpose: "export " + format + " des dossiers à traiter"})
		}
		if err := s.access.RecordAll(ctx, nil, entries); err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	var decided sql.NullTime
	var answers sql.RawBytes
	for rows.Next() {
		var r ExportRow
		if err := rows.Scan(&r.ID, &r.Reference, &r.Procedure, &r.FormVersion, &r.State, &r.Waiting, &r.Name, &r.Email,
			&r.SubmittedAt, &decided, &r.AssignedName, &answers, &r.userID); err != nil {
			return fmt.Errorf("export of agent %d: %w", userID, err)
		}
		r.SubmittedAt, r.DecidedAt, r.Answers = r.SubmittedAt.UTC(), decided.Time.UTC(), append([]byte(nil), answers...)
		if !decided.Valid {
			r.DecidedAt = time.Time{}
		}
		if batch = append(batch, r); len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
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
