package mediation

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/errs"
)

// The sides that can end a mandate.
const (
	SidePerson    = "person"
	SideStructure = "structure"
)

const revokeSQL = `UPDATE mediation_mandates SET revoked_at = $1, revoked_by = $2, revoked_side = $3
	WHERE id = $4 AND revoked_at IS NULL AND ends_at > $1`

// RevokeByPerson ends, now, a mandate the person userID gave.
func (s *Service) RevokeByPerson(ctx context.Context, userID, id int64) error {
	return s.revoke(ctx, id, userID, SidePerson, func(m *Mandate) bool { return userID != 0 && m.PersonUserID == userID })
}

// RevokeByStructure ends, now, a mandate of the structure orgID, by one of
// its mediators. Another structure's mandate is not found.
func (s *Service) RevokeByStructure(ctx context.Context, orgID, mediatorID, id int64) error {
	return s.revoke(ctx, id, mediatorID, SideStructure, func(m *Mandate) bool { return m.OrgID == orgID })
}

func (s *Service) revoke(ctx context.Context, id, by int64, side string, mine func(*Mandate) bool) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		m, err := s.mandate(ctx, tx, id)
		if err != nil {
			return err
		}
		if !mine(m) {
			return errNoMandate
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, revokeSQL, now, by, side, id)
		if err != nil {
			return fmt.Errorf("revoke mandate: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "Ce mandat est déjà terminé : il n'y a rien à arrêter.")
		}
		detail := "Arrêté par la personne"
		if side == SideStructure {
			detail = "Arrêté par la structure"
		}
		return s.append(ctx, tx, Entry{Event: EventRevoked, MandateID: m.ID, OrgID: m.OrgID,
			PersonUserID: m.PersonUserID, ActorUserID: by, Detail: detail})
	})
}
