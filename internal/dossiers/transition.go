package dossiers

import (
	"context"
	"database/sql"
	"fmt"
	"unicode"

	"guichet/internal/errs"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
)

const moveSQL = `UPDATE dossiers SET state = $1, updated_at = $2,
submitted_at = CASE WHEN $3 THEN $2 ELSE submitted_at END,
decided_at = CASE WHEN $4 THEN $2 ELSE NULL END,
expires_at = NULL, expiry_notice_at = NULL
WHERE id = $5 AND state = $6`

// move changes the state of d inside tx, after checking the move is
// allowed, and writes it to the timeline. The state in the WHERE clause
// makes two agents racing each other move it once: the second one is
// refused instead of overwriting.
func (s *Service) move(ctx context.Context, tx *sql.Tx, d *Dossier, to State, by Agent, detail string) error {
	if err := checkMove(d.State, to); err != nil {
		return err
	}
	now := s.now()
	res, err := tx.ExecContext(ctx, moveSQL, string(to), now, d.State == Draft, to.Decided(), d.ID, string(d.State))
	if err != nil {
		return fmt.Errorf("move dossier %d to %s: %w", d.ID, to, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.E(errs.Conflict, "Ce dossier a changé entre-temps. Rechargez la page pour voir son état actuel.")
	}
	if err := addEvent(ctx, tx, d.ID, Event{At: now, ActorID: by.UserID, TokenID: by.TokenID, Kind: EventState, From: d.State, To: to, Detail: detail}); err != nil {
		return err
	}
	from := d.State
	d.State = to
	// Every move an agent makes (taken, decided, sent back for a
	// correction, reopened) goes through here: one event each, keyed by
	// its instant, as a dossier may reach the same state twice.
	data := map[string]any{"from": string(from), "to": string(to), "changed_at": now}
	if detail != "" {
		data["motive"] = detail
	}
	return s.publish(ctx, d, webhooks.DossierStateChanged, fmt.Sprintf("etat-%s-%d", to, now.UnixMicro()), now, data)
}

const countEventsSQL = `SELECT COUNT(*) FROM dossier_events WHERE dossier_id = $1`

// Move changes the state of a dossier of the agent's administration:
// into instruction, to a decision (with its motive), or a decision
// reopened. A move not allowed from the current state is refused with a
// Conflict error and changes nothing. A send-back for a correction goes
// through RequestCorrection.
func (s *Service) Move(ctx context.Context, id int64, ag Agent, to State, motive string) error {
	if to == Draft || to == InConstruction {
		return errs.E(errs.Invalid, "Pour renvoyer un dossier à la personne, demandez une correction.")
	}
	if to.Decided() && to != Accepted && motive == "" {
		return errs.InvalidField("motif", "Donnez le motif de la décision : la personne le lira.")
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.OrgID != ag.OrgID || d.State == Draft {
			return errNotFound
		}
		if d.Correction != nil {
			if to != Closed {
				return errs.E(errs.Conflict, "Une correction est demandée : attendez la réponse de la personne avant de continuer.")
			}
			// Closed without an answer: the request ends with the dossier.
			if _, err := tx.ExecContext(ctx, closeCorrectionSQL, s.now(), d.Correction.ID); err != nil {
				return fmt.Errorf("close correction %d: %w", d.Correction.ID, err)
			}
		}
		if err := s.move(ctx, tx, d, to, ag, motive); err != nil {
			return err
		}
		if err := s.auditAction(ctx, tx, ag, d, "nouvel état "+string(to)); err != nil {
			return err
		}
		// The timeline's length numbers the move: a dossier can reach the
		// same state twice (a decision reopened), each time told.
		var n int
		if err := tx.QueryRowContext(ctx, countEventsSQL, d.ID).Scan(&n); err != nil {
			return fmt.Errorf("count events of dossier %d: %w", d.ID, err)
		}
		return s.notifyOwner(ctx, d, notify.StateChanged, fmt.Sprintf("etat-%d-%s", n, to),
			map[string]string{"state": plainState(to)})
	})
}

// plainState is a state as the end of a sentence ("Votre demande … : en
// cours de traitement").
func plainState(st State) string {
	l := []rune(st.Label())
	if len(l) > 1 && unicode.IsUpper(l[0]) && !unicode.IsUpper(l[1]) {
		l[0] = unicode.ToLower(l[0])
	}
	return string(l)
}
