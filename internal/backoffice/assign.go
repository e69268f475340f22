package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// Colleague is an agent of a procedure's team, as the assign list shows them.
type Colleague struct {
	ID   int64
	Name string
}

const colleaguesSQL = `SELECT u.id, u.name FROM procedure_agents pa JOIN users u ON u.id = pa.user_id
WHERE pa.procedure_slug = $1 AND pa.org_id = $2 ORDER BY u.name, u.id`

// Colleagues returns the agents of the team of procedure slug, by name:
// those a dossier of it may be given to.
func (s *Service) Colleagues(ctx context.Context, orgID int64, slug string) ([]Colleague, error) {
	rows, err := s.db.QueryContext(ctx, colleaguesSQL, slug, orgID)
	if err != nil {
		return nil, fmt.Errorf("team of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []Colleague
	for rows.Next() {
		var c Colleague
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, fmt.Errorf("team of %s: %w", slug, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const dossierTeamAgentSQL = `SELECT u.name FROM dossiers d
JOIN procedure_agents pa ON pa.procedure_slug = d.procedure_slug AND pa.org_id = d.org_id
JOIN users u ON u.id = pa.user_id
WHERE d.id = $1 AND pa.user_id = $2`

const assignedToSQL = `SELECT COALESCE(assigned_to, 0) FROM dossiers WHERE id = $1`

var errNotOnTeam = errs.InvalidField("agent", "Choisissez un agent de l'équipe de la démarche de ce dossier.")

// teamName returns the name of agent userID when they are on the team of
// dossier id's procedure; errNotOnTeam otherwise.
func (s *Service) teamName(ctx context.Context, id, userID int64) (string, error) {
	var name string
	err := s.db.Querier(ctx).QueryRowContext(ctx, dossierTeamAgentSQL, id, userID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errNotOnTeam
	}
	if err != nil {
		return "", fmt.Errorf("team of dossier %d: %w", id, err)
	}
	return name, nil
}

// assign gives dossier id to agent to (0: to nobody) inside the caller's
// transaction, after checking they are on the team of its procedure. The
// timeline says to whom and by whom.
func (s *Service) assign(ctx context.Context, ag dossiers.Agent, id, to int64) error {
	by, err := s.teamName(ctx, id, ag.UserID)
	if err != nil {
		return err
	}
	detail := "Plus attribué à personne (par " + by + ")"
	if to != 0 {
		name, err := s.teamName(ctx, id, to)
		if err != nil {
			return err
		}
		detail = "À " + name + ", par " + by
		if to == ag.UserID {
			detail = "À " + name
		}
	}
	return s.dos.Assign(ctx, id, ag, to, detail)
}

// Assign gives dossier id, from the version the agent saw, to agent to
// of its procedure's team (0: to nobody). Attributed in its timeline and
// in the audit log; ErrChanged when another agent acted meanwhile.
func (s *Service) Assign(ctx context.Context, ag dossiers.Agent, id, version, to int64) error {
	return s.Act(ctx, ag.OrgID, ag.UserID, id, version, func(ctx context.Context) error {
		return s.assign(ctx, ag, id, to)
	})
}

const stateSQL = `SELECT d.state,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL)
FROM dossiers d WHERE d.id = $1`

// take moves dossier id into instruction and, when nobody has it yet,
// gives it to the agent who took it, inside the caller's transaction.
func (s *Service) take(ctx context.Context, ag dossiers.Agent, id int64) error {
	var st dossiers.State
	var waiting bool
	if err := s.db.Querier(ctx).QueryRowContext(ctx, stateSQL, id).Scan(&st, &waiting); err != nil {
		return fmt.Errorf("state of dossier %d: %w", id, err)
	}
	if st != dossiers.InConstruction || waiting {
		return errs.Errorf(errs.Conflict, "Ce dossier est « %s » : seul un dossier envoyé, sans correction attendue, se prend en charge.",
			Row{State: st, Waiting: waiting}.Label())
	}
	if err := s.dos.Move(ctx, id, ag, dossiers.InInstruction, ""); err != nil {
		return err
	}
	var holder int64
	if err := s.db.Querier(ctx).QueryRowContext(ctx, assignedToSQL, id).Scan(&holder); err != nil {
		return fmt.Errorf("holder of dossier %d: %w", id, err)
	}
	if holder != 0 {
		return nil
	}
	return s.assign(ctx, ag, id, ag.UserID)
}

// Take moves dossier id, sent and waiting for no correction, into
// instruction from the version the agent saw, and gives it to them when
// nobody has it yet. A decision is reopened with dossiers' Move.
func (s *Service) Take(ctx context.Context, ag dossiers.Agent, id, version int64) error {
	return s.Act(ctx, ag.OrgID, ag.UserID, id, version, func(ctx context.Context) error {
		return s.take(ctx, ag, id)
	})
}
