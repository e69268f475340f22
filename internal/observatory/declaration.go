package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// Declaration is what a procedure's owner declares for an edition, where
// Guichet cannot know.
type Declaration struct {
	// RGAARate is the RGAA compliance rate in percent, with the date of its
	// audit (YYYY-MM-DD); nil when not declared.
	RGAARate      *float64
	RGAAAuditedOn string
	// OtherChannels is the number of requests through paper, counters and
	// phone in the quarter; nil when not declared.
	OtherChannels *int
	// Note is the owner's own note on the edition (what they plan, what
	// explains a figure); it is shown to the owners only, never published.
	Note string
}

// MaxNote is the longest note an owner may keep on an edition.
const MaxNote = 2000

// Declare stores the owner's declaration for procedure slug and edition
// ed, by the user by, with its audit line. The indicators take it at the
// next refresh.
func (s *Service) Declare(ctx context.Context, by int64, slug string, ed Edition, d Declaration) error {
	if problems := d.Problems(); len(problems) > 0 {
		return errs.InvalidFields("La déclaration n'est pas complète.", problems)
	}
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		return s.declare(ctx, tx, by, slug, ed, d, now)
	})
}

// Problems returns what is wrong with d, field by field in form order
// (rgaa_rate, rgaa_audited_on, other_channels, note).
func (d Declaration) Problems() []errs.FieldError {
	var problems []errs.FieldError
	if d.RGAARate != nil && (*d.RGAARate < 0 || *d.RGAARate > 100) {
		problems = append(problems, errs.FieldError{Field: "rgaa_rate", Message: "Le taux de conformité RGAA est un pourcentage, de 0 à 100."})
	}
	if d.RGAARate != nil {
		if _, err := time.Parse(time.DateOnly, d.RGAAAuditedOn); err != nil {
			problems = append(problems, errs.FieldError{Field: "rgaa_audited_on", Message: "Donnez la date de l'audit RGAA, par exemple 2026-10-15."})
		}
	}
	if d.OtherChannels != nil && *d.OtherChannels < 0 {
		problems = append(problems, errs.FieldError{Field: "other_channels", Message: "Le nombre de demandes par les autres canaux ne peut pas être négatif."})
	}
	if n := utf8.RuneCountInString(d.Note); n > MaxNote {
		problems = append(problems, errs.FieldError{Field: "note", Message: fmt.Sprintf(
			"La note fait %d caractères : raccourcissez-la à %d caractères au plus.", n, MaxNote)})
	}
	return problems
}

const upsertDeclarationSQL = `INSERT INTO observatory_declarations (procedure_slug, edition, rgaa_rate,
rgaa_audited_on, other_channels, declared_by, declared_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (procedure_slug, edition) DO UPDATE SET rgaa_rate = excluded.rgaa_rate,
rgaa_audited_on = excluded.rgaa_audited_on, other_channels = excluded.other_channels, note = excluded.note,
declared_by = excluded.declared_by, declared_at = excluded.declared_at`

// declare writes a valid declaration and its audit line in tx.
func (s *Service) declare(ctx context.Context, tx *sql.Tx, by int64, slug string, ed Edition, d Declaration, now time.Time) error {
	var audited sql.NullString
	if d.RGAARate != nil {
		audited = sql.NullString{String: d.RGAAAuditedOn, Valid: true}
	}
	if _, err := tx.ExecContext(ctx, upsertDeclarationSQL, slug, ed.String(), d.RGAARate, audited, d.OtherChannels,
		sql.NullInt64{Int64: by, Valid: by != 0}, now, sql.NullString{String: d.Note, Valid: d.Note != ""}); err != nil {
		return fmt.Errorf("declare %s %s: %w", slug, ed, err)
	}
	return s.audit.Write(ctx, tx, audit.Entry{Event: "observatory_declared", ActorID: by,
		Detail: fmt.Sprintf("déclaration de l'observatoire pour %s, édition %s", slug, ed)})
}

// declarationsSQL reads, per procedure, the declaration of the edition
// and, for the RGAA rate, the newest one up to it: an audit holds until
// the next.
const declarationsSQL = `SELECT procedure_slug, edition, rgaa_rate, rgaa_audited_on, other_channels, note
FROM observatory_declarations WHERE edition <= $1 ORDER BY procedure_slug, edition`

// Declarations returns what the owners declared for edition ed, by
// procedure slug: the RGAA rate of the newest audit up to it, the other
// channels and the note of the edition itself. The notes are the owners'
// own: show them to the owners only.
func (s *Service) Declarations(ctx context.Context, ed Edition) (map[string]*Declaration, error) {
	return s.declarations(ctx, ed)
}

func (s *Service) declarations(ctx context.Context, ed Edition) (map[string]*Declaration, error) {
	rows, err := s.db.QueryContext(ctx, declarationsSQL, ed.String())
	if err != nil {
		return nil, fmt.Errorf("read declarations: %w", err)
	}
	defer rows.Close()
	out := map[string]*Declaration{}
	for rows.Next() {
		var slug, edition string
		var rate sql.NullFloat64
		var audited sql.NullString
		var other sql.NullInt64
		var note sql.NullString
		if err := rows.Scan(&slug, &edition, &rate, &audited, &other, &note); err != nil {
			return nil, fmt.Errorf("read declarations: %w", err)
		}
		d := out[slug]
		if d == nil {
			d = &Declaration{}
			out[slug] = d
		}
		if rate.Valid {
			r := rate.Float64
			d.RGAARate, d.RGAAAuditedOn = &r, audited.String
		}
		if edition == ed.String() {
			d.OtherChannels, d.Note = nil, note.String
			if other.Valid {
				n := int(other.Int64)
				d.OtherChannels = &n
			}
		}
	}
	return out, rows.Err()
}
