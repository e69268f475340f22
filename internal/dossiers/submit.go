package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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

// Submit sends the person's draft: its answers are checked against its
// form version, it moves to en_construction with its timeline entry, and
// the receipt e-mail is queued, all in one transaction, so that a failure
// anywhere leaves the draft as it was. It returns the sent dossier.
func (s *Service) Submit(ctx context.Context, who Submitter, id int64, rc Receipt) (*Dossier, error) {
	var out *Dossier
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.UserID != who.UserID {
			return errNotFound
		}
		if err := checkMove(d.State, InConstruction); err != nil {
			return err
		}
		if s.opts.Validate != nil {
			if err := s.opts.Validate(ctx, d.Procedure, d.FormVersion, d.Answers); err != nil {
				return err
			}
		}
		if err := s.move(ctx, tx, d, InConstruction, who.UserID, ""); err != nil {
			return err
		}
		if out, err = s.get(ctx, tx, id); err != nil {
			return err
		}
		return mail.Enqueue(ctx, tx, s.receiptMail(who, out, rc), fmt.Sprintf("dossier-%d-recu", id))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
