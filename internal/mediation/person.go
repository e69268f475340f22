package mediation

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/errs"
)

// EventPersonRecorded is the journal event of a person record made for
// someone identified by a document.
const EventPersonRecorded = "person.recorded"

const attachRecordSQL = `UPDATE mediation_mandates SET person_user_id = $1, person_record = TRUE
	WHERE id = $2 AND person_user_id = 0`

// takeOn gives the person of a document mandate a person record without
// login (Options.NewPerson), tied to the mandate, so that the structure
// can hold their dossiers and receive their messages. ctx carries tx.
func (s *Service) takeOn(ctx context.Context, tx *sql.Tx, m *Mandate, mediatorID int64) error {
	if m.PersonUserID != 0 {
		return nil
	}
	if s.newPerson == nil {
		return errs.E(errs.Conflict, "Cette personne n'a pas de compte Guichet, et ce Guichet ne sait pas encore agir pour une personne sans compte.")
	}
	id, err := s.newPerson(ctx, m.PersonName)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, attachRecordSQL, id, m.ID)
	if err != nil {
		return fmt.Errorf("tie person record to mandate: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.E(errs.Conflict, "Ce mandat vient d'être changé : rechargez la page.")
	}
	m.PersonUserID, m.PersonRecord = id, true
	return s.append(ctx, tx, Entry{Event: EventPersonRecorded, MandateID: m.ID, OrgID: m.OrgID, PersonUserID: id,
		ActorUserID: mediatorID, Detail: "Fiche sans compte ni e-mail créée pour " + m.PersonName +
			" : la structure fait ses démarches et reçoit ses messages"})
}
