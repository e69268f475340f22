package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guichet/internal/database"
	"guichet/internal/notify"
)

// Submitter is the person sending their dossier.
type Submitter struct {
	UserID int64
	Email  string
	Name   string
}

// Receipt is what the receipt says about the procedure.
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
// the receipt is stored through the notifier (e-mail or SMS, after the
// person's choice), all in one transaction, so that a failure
// anywhere leaves the draft as it was. It returns the sent dossier.
func (s *Service) Submit(ctx context.Context, who Submitter, id int64, rc Receipt) (*Dossier, error) {
	var out *Dossier
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
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
		if s.opts.OnSubmit != nil {
			if err := s.opts.OnSubmit(ctx, d); err != nil {
				return err
			}
		}
		out = d
		title := rc.ProcedureTitle
		if title == "" {
			title = s.procedureTitle(ctx, d.Procedure)
		}
		if err := s.assisted(ctx, tx, d, "dossier.sent", "Dossier envoyé : "+title); err != nil {
			return err
		}
		// The receipt is stored in this transaction: no dossier sent
		// without its receipt, no receipt for a dossier that was not.
		return s.notifyOwner(ctx, d, notify.DossierReceived, "recu", map[string]string{"procedure": title,
			"feedback_link": strings.TrimRight(s.opts.BaseURL, "/") + "/demarches/" + d.Procedure + "/avis"})
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
