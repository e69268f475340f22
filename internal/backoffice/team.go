package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"guichet/internal/audit"
	"guichet/internal/database"
	"guichet/internal/errs"
)

const procedureOrgSQL = `SELECT org_id FROM procedures WHERE slug = $1`

const isAgentSQL = `SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND org_id = $2 AND role = 'agent'`

const addAgentSQL = `INSERT INTO procedure_agents (procedure_slug, org_id, user_id, added_by, added_at)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (procedure_slug, user_id) DO NOTHING`

const removeAgentSQL = `DELETE FROM procedure_agents WHERE procedure_slug = $1 AND org_id = $2 AND user_id = $3`

const teamSQL = `SELECT user_id FROM procedure_agents WHERE procedure_slug = $1 AND org_id = $2 ORDER BY user_id`

const assignedSQL = `SELECT procedure_slug FROM procedure_agents WHERE user_id = $1 AND org_id = $2 ORDER BY procedure_slug`

var errNoProcedure = errs.E(errs.NotFound, "Cette démarche n'existe pas dans votre organisation.")

// checkProcedure returns NotFound unless the procedure belongs to orgID:
// an owner never changes another organisation's team.
func checkProcedure(ctx context.Context, q database.Querier, orgID int64, slug string) error {
	var org int64
	err := q.QueryRowContext(ctx, procedureOrgSQL, slug).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != orgID) {
		return errNoProcedure
	}
	if err != nil {
		return fmt.Errorf("procedure %s: %w", slug, err)
	}
	return nil
}

// AddAgent puts agent userID on the team of procedure slug of
// organisation orgID. The person must hold the agent role in that
// organisation. Adding someone already on the team changes nothing.
func (s *Service) AddAgent(ctx context.Context, orgID int64, slug string, userID, actorID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkProcedure(ctx, tx, orgID, slug); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, isAgentSQL, userID, orgID).Scan(&n); err != nil {
			return fmt.Errorf("check agent %d: %w", userID, err)
		}
		if n == 0 {
			return errs.InvalidField("agent", "Choisissez un agent de votre organisation.")
		}
		if _, err := tx.ExecContext(ctx, addAgentSQL, slug, orgID, userID, sql.NullInt64{Int64: actorID, Valid: actorID != 0}, s.now()); err != nil {
			return fmt.Errorf("add agent %d to %s: %w", userID, slug, err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "team_agent_added", UserID: userID, ActorID: actorID,
			Detail: "démarche " + slug})
	})
}

// RemoveAgent takes agent userID off the team of procedure slug: they no
// longer see its dossiers.
func (s *Service) RemoveAgent(ctx context.Context, orgID int64, slug string, userID, actorID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkProcedure(ctx, tx, orgID, slug); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, removeAgentSQL, slug, orgID, userID); err != nil {
			return fmt.Errorf("remove agent %d from %s: %w", userID, slug, err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "team_agent_removed", UserID: userID, ActorID: actorID,
			Detail: "démarche " + slug})
	})
}

// Team returns the ids of the agents on the team of procedure slug.
func (s *Service) Team(ctx context.Context, orgID int64, slug string) ([]int64, error) {
	return s.ids(ctx, teamSQL, slug, orgID)
}

// Procedures returns the slugs of the organisation's procedures agent
// userID is on the team of.
func (s *Service) Procedures(ctx context.Context, orgID, userID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, assignedSQL, userID, orgID)
	if err != nil {
		return nil, fmt.Errorf("procedures of agent %d: %w", userID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("procedures of agent %d: %w", userID, err)
		}
		out = append(out, slug)
	}
	return out, rows.Err()
}

func (s *Service) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("team: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("team: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
