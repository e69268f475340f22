package dossiers

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/audit"
)

const assignSQL = `UPDATE dossiers SET assigned_to = $1, updated_at = $2 WHERE id = $3`

// Assign gives a dossier of the agent's administration to the agent to
// (0: to nobody), with its timeline entry (detail says to whom and by
// whom, in words) and its audit line, in one transaction. Giving it to
// whom already has it changes nothing. Who may receive it (the team of its
// procedure) is the back office's rule, checked before.
func (s *Service) Assign(ctx context.Context, id int64, ag Agent, to int64, detail string) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.OrgID != ag.OrgID || d.State == Draft {
			return errNotFound
		}
		if d.AssignedTo == to {
			return nil
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, assignSQL, nullID(to), now, id); err != nil {
			return fmt.Errorf("assign dossier %d: %w", id, err)
		}
		if err := addEvent(ctx, tx, id, Event{At: now, ActorID: ag.UserID, Kind: EventAssigned, Detail: detail}); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "dossier_assigned", UserID: to, ActorID: ag.UserID,
			Detail: fmt.Sprintf("dossier %s : %s", d.Reference, detail)})
	})
}
