package mediation

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/errs"
)

// Allows checks that the mandate id lets the structure orgID act in
// category c at time at: it belongs to that structure, covers c, has begun,
// has not ended and was not revoked by then. It returns the mandate, or an
// errs.Forbidden error whose message says why in plain French (a mandate
// of another structure is errs.NotFound). Call it on every request made
// under a mandate, not only when drawing the menu.
func (s *Service) Allows(ctx context.Context, id, orgID int64, c Category, at time.Time) (*Mandate, error) {
	m, err := s.OfStructure(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	return m, check(m, c, at)
}

func check(m *Mandate, c Category, at time.Time) error {
	switch m.StatusAt(at) {
	case Revoked:
		return errs.E(errs.Forbidden, "Ce mandat a été arrêté : vous ne pouvez plus agir pour cette personne.")
	case Expired:
		return errs.E(errs.Forbidden, "Ce mandat n'est pas en cours : vous ne pouvez pas agir pour cette personne.")
	}
	if !m.Covers(c) {
		return errs.E(errs.Forbidden, fmt.Sprintf("Ce mandat ne couvre pas le domaine « %s ».", c.Label()))
	}
	return nil
}

const personStructureMandatesSQL = `SELECT ` + mandateColumns + `
	WHERE org_id = $1 AND person_user_id = $2 AND revoked_at IS NULL AND starts_at <= $3 AND ends_at > $3
	ORDER BY ends_at DESC`

// AllowsFor finds a mandate of the person's account personUserID letting
// the structure orgID act in category c at time at, as Allows checks it.
// When none does, the error is errs.Forbidden.
func (s *Service) AllowsFor(ctx context.Context, orgID, personUserID int64, c Category, at time.Time) (*Mandate, error) {
	if personUserID == 0 {
		return nil, errs.E(errs.Forbidden, "Aucun mandat en cours de cette personne.")
	}
	list, err := s.list(ctx, personStructureMandatesSQL, orgID, personUserID, at.UTC())
	if err != nil {
		return nil, err
	}
	for i := range list {
		if check(&list[i], c, at) == nil {
			return &list[i], nil
		}
	}
	if len(list) > 0 {
		return nil, errs.E(errs.Forbidden, fmt.Sprintf("Le mandat de cette personne ne couvre pas le domaine « %s ».", c.Label()))
	}
	return nil, errs.E(errs.Forbidden, "Aucun mandat en cours de cette personne pour votre structure.")
}
