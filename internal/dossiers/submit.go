package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guichet/internal/database"
	"guichet/internal/mail"
)

// Submitter is the person sending their dossier, for the receipt e-mail.
type Submitter struct {
	UserID int64
	Email  string
	Name   string
}

// Receipt is what the e-mailed receipt says about the procedure.
type Receipt struct {
	ProcedureTitle string
	// NextSteps says what happens next, in plain French.
	NextSteps string
}

// submitSQL sends a draft of its person in one statement that returns the
// dossier as sent: the common case reads and writes the row once. A row
// not returned means another person's dossier or one already sent, which
// the slow path tells apart.
const submitSQL = `UPDATE dossiers SET state = 'en_construction', updated_at = $1, submitted_at = $1,
decided_at = NULL, expires_at = NULL, expiry_notice_at = NULL
WHERE id = $2 AND user_id = $3 AND state = 'brouillon'
RETURNING ` + dossierColumns

// Submit sends the person's draft: its answers are checked against its
// form version, it moves to en_construction with its timeline entry, and
// the receipt e-mail is queued, all in one transaction, so that a failure
// anywhere leaves the draft as it was. It returns the sent dossier.
func (s *Service) Submit(ctx context.Context, who Submitter, id int64, rc Receipt) (*Dossier, error) {
	var out *Dossier
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		now := s.now()
		d, err := scanDossier(tx.QueryRowContext(ctx, submitSQL, now, id, who.UserID))
		if database.IsNoRows(err) {
			return s.whyNotSubmitted(ctx, tx, who.UserID, id)
		}
		if err != nil {
			return fmt.Errorf("submit dossier %d: %w", id, err)
		}
		// A draft has no open correction: d.Correction stays nil.
		if s.opts.Validate != nil {
			if err := s.opts.Validate(ctx, d.Procedure, d.FormVersion, d.Answers); err != nil {
				return err
			}
		}
		if err := addEvent(ctx, tx, id, Event{At: now, ActorID: who.UserID, Kind: EventState, From: Draft, To: InConstruction}); err != nil {
			return err
		}
		out = d
		return mail.Enqueue(ctx, tx, s.receiptMail(who, d, rc), fmt.Sprintf("dossier-%d-recu", id))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// whyNotSubmitted returns the error of a submission that changed no row:
// not found for another person's dossier, a refused move otherwise.
func (s *Service) whyNotSubmitted(ctx context.Context, tx *sql.Tx, userID, id int64) error {
	d, err := s.get(ctx, tx, id)
	if err != nil {
		return err
	}
	if d.UserID != userID {
		return errNotFound
	}
	return checkMove(d.State, InConstruction)
}

// receiptMail is the e-mail that confirms a dossier was received.
func (s *Service) receiptMail(who Submitter, d *Dossier, rc Receipt) mail.Message {
	title := rc.ProcedureTitle
	if title == "" {
		title = d.Procedure
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Bonjour,\n\nNous avons bien reçu votre demande « %s ».\n\n", title)
	fmt.Fprintf(&b, "Votre numéro de dossier : %s\n", d.ShownReference())
	fmt.Fprintf(&b, "Envoyé le : %s\n\n", frenchDateTime(d.SubmittedAt))
	if rc.NextSteps != "" {
		b.WriteString(rc.NextSteps + "\n\n")
	}
	fmt.Fprintf(&b, "Suivez votre dossier ici : %s/mes-demarches/%d\n\n", strings.TrimRight(s.opts.BaseURL, "/"), d.ID)
	b.WriteString("Gardez ce message : le numéro de dossier vous sera demandé si vous appelez.\n\nGuichet\n")
	return mail.Message{To: who.Email, Subject: "Dossier " + d.ShownReference() + " bien reçu", Body: b.String()}
}
