package forms

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
)

// VersionInfo is one line of a form's history.
type VersionInfo struct {
	Number      int
	Published   bool
	PublishedAt time.Time // zero for the draft
	UpdatedAt   time.Time
	Pages       int
}

const msgNoForm = "Cette démarche ne se fait pas encore en ligne."

const selectVersionSQL = `SELECT version, definition FROM form_versions
	WHERE procedure_slug = $1 AND version = $2`

// Version returns version n of the form of the procedure slug, exactly as it was published
// (or the draft, when n is the draft's number): a dossier keeps the version it was started
// on and reads it here. It returns errs.NotFound when there is no such version.
func (s *Service) Version(ctx context.Context, slug string, n int) (*Form, error) {
	return s.read(ctx, selectVersionSQL, slug, n)
}

const selectPublishedSQL = `SELECT version, definition FROM form_versions
	WHERE procedure_slug = $1 AND published_at IS NOT NULL ORDER BY version DESC LIMIT 1`

// Published returns the newest published version of the form of the procedure slug, the one
// a new dossier starts on, or errs.NotFound when the procedure has no online form.
func (s *Service) Published(ctx context.Context, slug string) (*Form, error) {
	return s.read(ctx, selectPublishedSQL, slug)
}

const selectDraftSQL = `SELECT version, definition FROM form_versions
	WHERE procedure_slug = $1 AND published_at IS NULL`

// Draft returns the form the procedure's owners edit: the stored draft, else a copy of the
// published version numbered as the next one, else an empty form numbered 1. Only SaveDraft
// stores it. The caller checks that the person may edit the procedure.
func (s *Service) Draft(ctx context.Context, slug string) (*Form, error) {
	f, err := s.read(ctx, selectDraftSQL, slug)
	if !errs.Is(err, errs.NotFound) {
		return f, err
	}
	f, err = s.Published(ctx, slug)
	switch {
	case errs.Is(err, errs.NotFound):
		return s.withClock(&Form{Procedure: slug, Version: 1}), nil
	case err != nil:
		return nil, err
	}
	f.Version++
	return f, nil
}

func (s *Service) read(ctx context.Context, query string, args ...any) (*Form, error) {
	var n int
	var def string
	err := s.db.Querier(ctx).QueryRowContext(ctx, query, args...).Scan(&n, &def)
	if database.IsNoRows(err) {
		return nil, errs.Wrap(errs.NotFound, msgNoForm, err)
	}
	if err != nil {
		return nil, fmt.Errorf("read form of %v: %w", args[0], err)
	}
	f, err := decode(def)
	if err != nil {
		return nil, fmt.Errorf("decode form %v version %d: %w", args[0], n, err)
	}
	f.Procedure, f.Version = args[0].(string), n
	return s.withClock(f), nil
}

// decode reads a stored definition.
func decode(def string) (*Form, error) {
	var f Form
	if err := json.Unmarshal([]byte(def), &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// Decode reads a form from its JSON (as stored, or as a dossier may keep a copy).
func Decode(data []byte) (*Form, error) { return decode(string(data)) }

const (
	draftNumberSQL = `SELECT version FROM form_versions WHERE procedure_slug = $1 AND published_at IS NULL`
	maxNumberSQL   = `SELECT COALESCE(MAX(version), 0) FROM form_versions WHERE procedure_slug = $1`
	insertDraftSQL = `INSERT INTO form_versions (procedure_slug, version, definition, author_id, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $5)`
	updateDraftSQL = `UPDATE form_versions SET definition = $3, author_id = $4, updated_at = $5
	WHERE procedure_slug = $1 AND version = $2 AND published_at IS NULL`
)

// SaveDraft stores f as the draft of the form of the procedure slug, written by the account
// byUser (0 for the system): it replaces the draft, or starts one numbered after the newest
// version. Published versions never change. It returns errs.Invalid with the problems of
// Check when the definition is wrong, and the draft as stored. The caller checks that the
// person may edit the procedure.
func (s *Service) SaveDraft(ctx context.Context, slug string, byUser int64, f Form) (*Form, error) {
	if problems := f.Check(); len(problems) > 0 {
		return nil, errs.InvalidFields("Le formulaire n'a pas été enregistré : corrigez ce qui est signalé.", problems)
	}
	f.Procedure = slug
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		n, err := draftNumber(ctx, tx, slug)
		if err != nil {
			return err
		}
		now := s.now()
		creating := n == 0
		if creating {
			if err := tx.QueryRowContext(ctx, maxNumberSQL, slug).Scan(&n); err != nil {
				return fmt.Errorf("number form of %s: %w", slug, err)
			}
			n++
		}
		f.Version = n
		def, err := encode(&f)
		if err != nil {
			return err
		}
		if creating {
			_, err = tx.ExecContext(ctx, insertDraftSQL, slug, n, def, nullID(byUser), now)
			if database.IsUniqueViolation(err) {
				return errs.Wrap(errs.Conflict, "Quelqu'un d'autre modifie ce formulaire en même temps : rechargez la page.", err)
			}
		} else {
			_, err = tx.ExecContext(ctx, updateDraftSQL, slug, n, def, nullID(byUser), now)
		}
		if err != nil {
			if isMissingProcedure(err) {
				return errs.Wrap(errs.NotFound, "Cette démarche n'existe pas.", err)
			}
			return fmt.Errorf("save form of %s: %w", slug, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.withClock(&f), nil
}

// isMissingProcedure tells a foreign key failure: the slug names no procedure.
func isMissingProcedure(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "violates foreign key constraint")
}

func draftNumber(ctx context.Context, q database.Querier, slug string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, draftNumberSQL, slug).Scan(&n)
	if database.IsNoRows(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find draft form of %s: %w", slug, err)
	}
	return n, nil
}

// encode writes the definition stored for f.
func encode(f *Form) (string, error) {
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("encode form of %s: %w", f.Procedure, err)
	}
	return string(b), nil
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

const publishSQL = `UPDATE form_versions SET published_at = $3, author_id = COALESCE($4, author_id), updated_at = $3
	WHERE procedure_slug = $1 AND version = $2 AND published_at IS NULL`

// Publish makes the draft of the form of the procedure slug its published version, the one
// new dossiers start on; dossiers already started keep theirs. It checks the definition
// again, records the publication in the audit log in the same transaction, and returns the
// version number. It returns errs.NotFound when there is no draft to publish, and
// errs.Invalid with the problems of CheckPublish.
func (s *Service) Publish(ctx context.Context, slug string, byUser int64) (int, error) {
	var n int
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if n, err = draftNumber(ctx, tx, slug); err != nil {
			return err
		}
		if n == 0 {
			return errs.E(errs.NotFound, "Il n'y a pas de nouvelle version à publier : modifiez d'abord le formulaire.")
		}
		f, err := s.read(ctx, selectVersionSQL, slug, n)
		if err != nil {
			return err
		}
		if problems := f.CheckPublish(); len(problems) > 0 {
			return errs.InvalidFields("Le formulaire n'a pas été publié : corrigez ce qui est signalé.", problems)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, publishSQL, slug, n, now, nullID(byUser)); err != nil {
			return fmt.Errorf("publish form %s version %d: %w", slug, n, err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{At: now, Event: "form_published", ActorID: byUser,
			Detail: fmt.Sprintf("%s v%d", slug, n)})
	})
	return n, err
}

const deleteDraftSQL = `DELETE FROM form_versions WHERE procedure_slug = $1 AND published_at IS NULL`

// DiscardDraft drops the draft of the form of the procedure slug, if any: the next edit
// starts again from the published version.
func (s *Service) DiscardDraft(ctx context.Context, slug string) error {
	if _, err := s.db.Querier(ctx).ExecContext(ctx, deleteDraftSQL, slug); err != nil {
		return fmt.Errorf("discard draft form of %s: %w", slug, err)
	}
	return nil
}

const selectVersionsSQL = `SELECT version, definition, published_at, updated_at FROM form_versions
	WHERE procedure_slug = $1 ORDER BY version DESC`

// Versions returns the history of the form of the procedure slug, newest first.
func (s *Service) Versions(ctx context.Context, slug string) ([]VersionInfo, error) {
	rows, err := s.db.Querier(ctx).QueryContext(ctx, selectVersionsSQL, slug)
	if err != nil {
		return nil, fmt.Errorf("list form versions of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []VersionInfo
	for rows.Next() {
		var v VersionInfo
		var def string
		var published sql.NullTime
		if err := rows.Scan(&v.Number, &def, &published, &v.UpdatedAt); err != nil {
			return nil, fmt.Errorf("read form version of %s: %w", slug, err)
		}
		v.Published, v.PublishedAt, v.UpdatedAt = published.Valid, published.Time.UTC(), v.UpdatedAt.UTC()
		if f, err := decode(def); err == nil {
			v.Pages = len(f.Pages)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const onlineSlugsSQL = `SELECT DISTINCT procedure_slug FROM form_versions WHERE published_at IS NOT NULL`

// OnlineSlugs names the procedures that can be done online: those with a
// published form, as HasOnlineForm tells one by one.
func (s *Service) OnlineSlugs(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.Querier(ctx).QueryContext(ctx, onlineSlugsSQL)
	if err != nil {
		return nil, fmt.Errorf("list online forms: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("list online forms: %w", err)
		}
		out[slug] = true
	}
	return out, rows.Err()
}

const hasPublishedSQL = `SELECT COUNT(*) FROM form_versions WHERE procedure_slug = $1 AND published_at IS NOT NULL`

// HasOnlineForm tells whether the procedure slug can be done online: it has a published form.
func (s *Service) HasOnlineForm(ctx context.Context, slug string) (bool, error) {
	var n int
	if err := s.db.Querier(ctx).QueryRowContext(ctx, hasPublishedSQL, slug).Scan(&n); err != nil {
		return false, fmt.Errorf("count forms of %s: %w", slug, err)
	}
	return n > 0, nil
}
