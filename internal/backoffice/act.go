package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"guichet/internal/errs"
)

// ErrChanged is returned when another agent changed the dossier since the
// version the agent's form was built from.
var ErrChanged = errs.E(errs.Conflict, "Un autre agent a changé ce dossier pendant que vous le lisiez. Votre action n'est pas faite : voyez ce qui a changé, puis recommencez si besoin.")

var errNoDossier = errs.E(errs.NotFound, "Ce dossier n'existe pas, ou il n'est pas dans les démarches de votre équipe.")

const seeDossierSQL = `SELECT d.updated_at FROM dossiers d
JOIN procedure_agents pa ON pa.procedure_slug = d.procedure_slug AND pa.org_id = d.org_id AND pa.user_id = $3
WHERE d.id = $1 AND d.org_id = $2 AND d.state <> 'brouillon'`

// bumpSQL moves the version on only if nobody moved it since the form was
// shown. On PostgreSQL the row lock makes a second agent wait for the
// first one's commit, then find the version changed; SQLite runs one
// writer at a time.
const bumpSQL = `UPDATE dossiers SET updated_at = $3 WHERE id = $1 AND updated_at = $2`

const setVersionSQL = `UPDATE dossiers SET updated_at = $2 WHERE id = $1`

// Version returns the version of dossier id for agent userID of orgID: a
// number the agent's forms post back. NotFound unless the dossier is of a
// procedure of their team in their organisation.
func (s *Service) Version(ctx context.Context, orgID, userID, id int64) (int64, error) {
	var at time.Time
	err := s.db.Querier(ctx).QueryRowContext(ctx, seeDossierSQL, id, orgID, userID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNoDossier
	}
	if err != nil {
		return 0, fmt.Errorf("dossier %d for agent %d: %w", id, userID, err)
	}
	return at.UTC().UnixMicro(), nil
}

// Act runs fn, an action of agent userID on dossier id, in one transaction
// with a check that the dossier is still at version: of two agents acting
// from the same version, one succeeds and the other gets ErrChanged with
// nothing changed. fn calls the dossiers service, whose writes join the
// transaction.
func (s *Service) Act(ctx context.Context, orgID, userID, id, version int64, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := s.Version(ctx, orgID, userID, id); err != nil {
			return err
		}
		return s.bump(ctx, tx, id, version, fn)
	})
}

// bump moves dossier id on from version, runs fn, and dates the dossier
// with the new version, all in tx; ErrChanged when the version moved.
func (s *Service) bump(ctx context.Context, tx *sql.Tx, id, version int64, fn func(ctx context.Context) error) error {
	old := time.UnixMicro(version).UTC()
	next := s.now()
	if !next.After(old) {
		next = old.Add(time.Microsecond)
	}
	res, err := tx.ExecContext(ctx, bumpSQL, id, old, next)
	if err != nil {
		return fmt.Errorf("lock dossier %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrChanged
	}
	if err := fn(ctx); err != nil {
		return err
	}
	// fn's own writes may date the dossier with a clock that did not
	// move (or moved back): the version must still change.
	if _, err := tx.ExecContext(ctx, setVersionSQL, id, next); err != nil {
		return fmt.Errorf("version of dossier %d: %w", id, err)
	}
	return nil
}
