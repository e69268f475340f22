package dossiers

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
)

// Reason is why an agent asks for a correction.
type Reason string

// The reasons of a correction request (DESIGN.md §3.2).
const (
	Incorrect  Reason = "incorrect"
	Incomplete Reason = "incomplete"
	Outdated   Reason = "outdated"
)

// Label is the reason in plain words, as the person reads it.
func (r Reason) Label() string {
	switch r {
	case Incorrect:
		return "Une réponse est inexacte"
	case Incomplete:
		return "Il manque une information ou un document"
	case Outdated:
		return "Un document n'est plus à jour"
	}
	return string(r)
}

// Correction is an agent's request that the person fix some answers.
type Correction struct {
	ID          int64
	RequestedAt time.Time
	RequestedBy int64
	Reason      Reason
	Fields      []string // the form fields to fix
	Message     string
	ClosedAt    time.Time // zero while open
}

// Asks tells whether the correction asks for field (or a part of it, such
// as one entry of a repeatable block).
func (c *Correction) Asks(field string) bool {
	for _, f := range c.Fields {
		if field == f || strings.HasPrefix(field, f+".") {
			return true
		}
	}
	return false
}

// Agent is a staff member acting on dossiers of their organisation, or
// the organisation's API token (TokenID set, UserID 0): what it does is
// attributed to the token in the timeline and the audit log.
type Agent struct {
	UserID  int64
	OrgID   int64
	TokenID int64
}

const openCorrectionSQL = `SELECT id, requested_at, COALESCE(requested_by, 0), reason, fields, message
FROM dossier_corrections WHERE dossier_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1`

func (s *Service) openCorrection(ctx context.Context, q database.Querier, dossierID int64) (*Correction, error) {
	var c Correction
	var fields string
	err := q.QueryRowContext(ctx, openCorrectionSQL, dossierID).Scan(&c.ID, &c.RequestedAt, &c.RequestedBy, &c.Reason,
		&fields, &c.Message)
	if database.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open correction of dossier %d: %w", dossierID, err)
	}
	c.RequestedAt = c.RequestedAt.UTC()
	if err := json.Unmarshal([]byte(fields), &c.Fields); err != nil {
		return nil, fmt.Errorf("fields of correction %d: %w", c.ID, err)
	}
	return &c, nil
}

const insertCorrectionSQL = `INSERT INTO dossier_corrections (dossier_id, requested_at, requested_by, reason, fields, message)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`

// RequestCorrection sends a dossier back to its person: it moves to
// en_construction with an open correction saying why (reason), which
// fields to fix and a message, all in one transaction with its timeline
// entry. Only an agent of the administration in charge may ask.
func (s *Service) RequestCorrection(ctx context.Context, id int64, ag Agent, reason Reason, fields []string, message string) error {
	var problems []errs.FieldError
	if reason != Incorrect && reason != Incomplete && reason != Outdated {
		problems = append(problems, errs.FieldError{Field: "motif", Message: "Choisissez pourquoi le dossier doit être corrigé."})
	}
	if len(fields) == 0 {
		problems = append(problems, errs.FieldError{Field: "champs", Message: "Choisissez au moins une réponse à corriger."})
	}
	if strings.TrimSpace(message) == "" {
		problems = append(problems, errs.FieldError{Field: "message", Message: "Expliquez à la personne ce qu'elle doit corriger."})
	}
	if err := errs.InvalidFields("Corrigez les champs signalés.", problems); err != nil {
		return err
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
			return errs.E(errs.Conflict, "Une correction est déjà demandée sur ce dossier : attendez la réponse de la personne.")
		}
		if d.State != InConstruction {
			if err := s.move(ctx, tx, d, InConstruction, ag, reason.Label()); err != nil {
				return err
			}
		}
		list, _ := json.Marshal(fields)
		now := s.now()
		var correctionID int64
		if err := tx.QueryRowContext(ctx, insertCorrectionSQL, id, now, nullID(ag.UserID), string(reason), string(list), message).Scan(&correctionID); err != nil {
			return fmt.Errorf("request correction on dossier %d: %w", id, err)
		}
		if err := addEvent(ctx, tx, id, Event{At: now, ActorID: ag.UserID, TokenID: ag.TokenID, Kind: EventCorrectionRequested,
			Detail: reason.Label() + " : " + message}); err != nil {
			return err
		}
		if err := s.auditAction(ctx, tx, ag, d, "correction demandée ("+string(reason)+")"); err != nil {
			return err
		}
		return s.notifyOwner(ctx, d, notify.CorrectionRequested, fmt.Sprintf("correction-%d", correctionID),
			map[string]string{"reason": reason.Label() + " : " + message, "deadline": frenchDate(now.Add(CorrectionDelay))})
	})
}

const touchDossierSQL = `UPDATE dossiers SET updated_at = $1 WHERE id = $2`

const closeCorrectionSQL = `UPDATE dossier_corrections SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL`

// SendCorrection sends the corrected answers back: the open correction is
// closed, and the timeline shows it, in one transaction. The corrected
// answers must pass the form's checks as a submission does.
func (s *Service) SendCorrection(ctx context.Context, userID, id int64) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.UserID != userID {
			return errNotFound
		}
		if d.Correction == nil || d.State != InConstruction {
			return errs.E(errs.Conflict, "Aucune correction n'est demandée sur ce dossier.")
		}
		if s.opts.Validate != nil {
			if err := s.opts.Validate(ctx, d.Procedure, d.FormVersion, d.Answers); err != nil {
				return err
			}
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, closeCorrectionSQL, now, d.Correction.ID)
		if err != nil {
			return fmt.Errorf("close correction %d: %w", d.Correction.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.E(errs.Conflict, "Cette correction est déjà envoyée.")
		}
		if _, err := tx.ExecContext(ctx, touchDossierSQL, now, id); err != nil {
			return fmt.Errorf("touch dossier %d: %w", id, err)
		}
		if err := addEvent(ctx, tx, id, Event{At: now, ActorID: userID, Kind: EventCorrectionSent}); err != nil {
			return err
		}
		if err := s.publish(ctx, d, webhooks.DossierCorrected, fmt.Sprintf("correction-%d-envoyee", d.Correction.ID), now,
			map[string]any{"correction_id": d.Correction.ID, "fields": d.Correction.Fields, "corrected_at": now}); err != nil {
			return err
		}
		return s.assisted(ctx, tx, d, "dossier.corrected", "Correction envoyée")
	})
}
