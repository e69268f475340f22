package mediation

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Journal events of a mediator taking up and putting down a person's file.
const (
	EventActingStarted = "acting.started"
	EventActingStopped = "acting.stopped"
)

const actingOfSQL = `SELECT mandate_id FROM mediation_acting WHERE session_hash = $1 AND mediator_id = $2`

// ActingOf returns the mandate the mediator's session acts under, as it
// stands now, or nil when the session acts for nobody. The mandate may
// have been revoked or have ended since: the caller checks it (Allows) on
// every request.
func (s *Service) ActingOf(ctx context.Context, sessionID string, mediatorID int64) (*Mandate, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, actingOfSQL, sessionID, mediatorID).Scan(&id)
	if database.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read acting of session: %w", err)
	}
	return s.mandate(ctx, s.db.Querier(ctx), id)
}

const (
	deleteActingSQL = `DELETE FROM mediation_acting WHERE session_hash = $1`
	insertActingSQL = `INSERT INTO mediation_acting (session_hash, mediator_id, mandate_id, started_at)
	VALUES ($1, $2, $3, $4)`
)

// StartActing lets the mediator's session act for the person of one of the
// structure's mandates, which must be in force and name a Guichet account
// or a person record (the dossiers are theirs): a person identified by a
// document gets hers when the structure domiciles her (Domicile). The
// journal records it.
func (s *Service) StartActing(ctx context.Context, sessionID string, mediatorID, orgID, id int64) (*Mandate, error) {
	if sessionID == "" || mediatorID == 0 {
		return nil, errs.E(errs.Unauthorized, "Connectez-vous pour agir pour une personne.")
	}
	var m *Mandate
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		if m, err = s.mandate(ctx, tx, id); err != nil {
			return err
		}
		if m.OrgID != orgID {
			return errNoMandate
		}
		switch m.StatusAt(s.now()) {
		case Revoked:
			return errs.E(errs.Forbidden, "Ce mandat a été arrêté : vous ne pouvez plus agir pour cette personne.")
		case Expired:
			return errs.E(errs.Forbidden, "Ce mandat n'est pas en cours : vous ne pouvez pas agir pour cette personne.")
		}
		if m.PersonUserID == 0 {
			return errs.E(errs.Conflict, "Cette personne n'a pas de compte Guichet : domiciliez-la d'abord à la structure, sur la page de son mandat. Ses messages vous arriveront, et vous pourrez agir pour elle.")
		}
		if _, err := tx.ExecContext(ctx, deleteActingSQL, sessionID); err != nil {
			return fmt.Errorf("stop acting before: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insertActingSQL, sessionID, mediatorID, m.ID, s.now()); err != nil {
			return fmt.Errorf("start acting: %w", err)
		}
		return s.append(ctx, tx, Entry{Event: EventActingStarted, MandateID: m.ID, OrgID: m.OrgID,
			PersonUserID: m.PersonUserID, ActorUserID: mediatorID, Detail: "Agir pour " + m.PersonName})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// StopActing ends the session's acting for a person, if any, and journals
// it. Stopping when acting for nobody does nothing.
func (s *Service) StopActing(ctx context.Context, sessionID string, mediatorID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, actingOfSQL, sessionID, mediatorID).Scan(&id)
		if database.IsNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read acting of session: %w", err)
		}
		if _, err := tx.ExecContext(ctx, deleteActingSQL, sessionID); err != nil {
			return fmt.Errorf("stop acting: %w", err)
		}
		m, err := s.mandate(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.append(ctx, tx, Entry{Event: EventActingStopped, MandateID: m.ID, OrgID: m.OrgID,
			PersonUserID: m.PersonUserID, ActorUserID: mediatorID})
	})
}

const activeOfStructureSQL = `SELECT ` + mandateColumns + `
	WHERE org_id = $1 AND revoked_at IS NULL AND starts_at <= $2 AND ends_at > $2
	ORDER BY person_name, id`

// ActiveOfStructure returns the structure's mandates in force, by person:
// those with an account or a person record (PersonUserID) can be acted
// under now; a person identified by a document is first domiciled.
func (s *Service) ActiveOfStructure(ctx context.Context, orgID int64) ([]Mandate, error) {
	return s.list(ctx, activeOfStructureSQL, orgID, s.now())
}
