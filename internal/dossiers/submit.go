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
	"guichet/internal/jobs"
	"guichet/internal/notify"
	"guichet/internal/webhooks"
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

// submitOnlySQL sends a draft of its person. No row changed means another
// person's dossier or one already sent, which the slow path tells apart.
// A draft was never decided: decided_at stays NULL and out of the SET, so
// that its index is not rewritten.
//
// On PostgreSQL submitSQL also returns the dossier as sent, in the same
// round trip: the common case reads and writes the row once. On SQLite a
// RETURNING clause goes through a temporary table, which costs more than
// reading the row again by its key in the same transaction (a fifth of the
// statement's time): there sentRowSQL reads it. Both return only what the
// statement did not set.
const (
	submitOnlySQL = `UPDATE dossiers SET state = 'en_construction', updated_at = $1, submitted_at = $1,
expires_at = NULL, expiry_notice_at = NULL
WHERE id = $2 AND user_id = $3 AND state = 'brouillon'`
	sentColumns = `reference, procedure_slug, org_id, form_version, current_page, answers, created_at,
COALESCE(helped_by_org_id, 0)`
	submitSQL  = submitOnlySQL + ` RETURNING ` + sentColumns
	sentRowSQL = `SELECT ` + sentColumns + ` FROM dossiers WHERE id = $1`
	// submitWithEventSQL is submitSQL that also writes the sending's
	// timeline entry (as addEvent would: $4 the actor, $5 a mediator's
	// organisation) when, and only when, the row was sent: on PostgreSQL
	// each statement is a round trip, which costs more than the rows.
	submitWithEventSQL = `WITH d AS (` + submitSQL + `),
e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, kind, from_state, to_state, detail, token_id, via_org_id)
SELECT $2, $1, $4::bigint, 'etat', 'brouillon', 'en_construction', '', NULL, $5::bigint FROM d)
SELECT * FROM d`
)

// sendWithEvent sends as send does and writes the timeline entry of actor
// in the same statement; PostgreSQL only (SQLite has no writing CTE).
func sendWithEvent(ctx context.Context, tx *sql.Tx, id, userID, actor, viaOrg int64, now time.Time) (*Dossier, error) {
	return sent(tx.QueryRowContext(ctx, submitWithEventSQL, now, id, userID, nullID(actor), nullID(viaOrg)), id, userID, now)
}

// send sends the draft id of userID at now in tx and returns it as sent;
// sql.ErrNoRows when no draft of theirs was sent.
func (s *Service) send(ctx context.Context, tx *sql.Tx, id, userID int64, now time.Time) (*Dossier, error) {
	if s.db.Dialect == database.Postgres {
		return sent(tx.QueryRowContext(ctx, submitSQL, now, id, userID), id, userID, now)
	}
	res, err := tx.ExecContext(ctx, submitOnlySQL, now, id, userID)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = sql.ErrNoRows
		}
		return nil, err
	}
	return sent(tx.QueryRowContext(ctx, sentRowSQL, id), id, userID, now)
}

// sent reads the row submitSQL returns into the dossier as sent at now.
func sent(row *sql.Row, id, userID int64, now time.Time) (*Dossier, error) {
	d := Dossier{ID: id, UserID: userID, State: InConstruction, UpdatedAt: now, SubmittedAt: now}
	var answers string
	if err := row.Scan(&d.Reference, &d.Procedure, &d.OrgID, &d.FormVersion, &d.CurrentPage, &answers, &d.CreatedAt,
		&d.HelpedByOrgID); err != nil {
		return nil, err
	}
	d.CreatedAt = d.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(answers), &d.Answers); err != nil {
		return nil, fmt.Errorf("answers of dossier %d: %w", id, err)
	}
	if d.Answers == nil {
		d.Answers = Answers{}
	}
	return &d, nil
}

// Submit sends the person's draft: its answers are checked against its
// form version, it moves to en_construction with its timeline entry, and
// the receipt job is enqueued, all in one transaction, so that a failure
// anywhere leaves the draft as it was. The job (ReceiptJob) then tells the
// person through the notifier, by their chosen channel: the sending itself
// writes three rows, which keeps it quick when many people send at once
// (a deadline), and no dossier is sent without its receipt to come. It
// returns the sent dossier.
func (s *Service) Submit(ctx context.Context, who Submitter, id int64, rc Receipt) (*Dossier, error) {
	var out *Dossier
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := s.now()
		ev := Event{At: now, ActorID: who.UserID, Kind: EventState, From: Draft, To: InConstruction}
		if h, ok := HelperOf(ctx); ok {
			ev.ActorID, ev.ViaOrgID = h.MediatorID, h.OrgID
		}
		var d *Dossier
		var err error
		withEvent := s.db.Dialect == database.Postgres
		if withEvent {
			d, err = sendWithEvent(ctx, tx, id, who.UserID, ev.ActorID, ev.ViaOrgID, now)
		} else {
			d, err = s.send(ctx, tx, id, who.UserID, now)
		}
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
		if !withEvent {
			if err := addEvent(ctx, tx, id, Event{At: now, ActorID: who.UserID, Kind: EventState, From: Draft, To: InConstruction}); err != nil {
				return err
			}
		}
		if s.opts.OnSubmit != nil {
			if err := s.opts.OnSubmit(ctx, d); err != nil {
				return err
			}
		}
		out = d
		if h, ok := HelperOf(ctx); ok {
			title := rc.ProcedureTitle
			if title == "" {
				title = s.procedureTitle(ctx, d.Procedure)
			}
			if err := s.assisted(ctx, tx, d, "dossier.sent", "Dossier envoyé : "+title); err != nil {
				return err
			}
			d.HelpedByOrgID = h.OrgID
		}
		// The administration's systems hear of it in this transaction too.
		if err := s.publish(ctx, d, webhooks.DossierSubmitted, "envoi", now, map[string]any{"submitted_at": now}); err != nil {
			return err
		}
		if s.opts.Notifier == nil {
			return nil
		}
		// No idempotency key: the state change above happens once, and
		// so does this job; the notifier's own key covers its retries.
		// Due now by the service's clock, as the notifier's jobs are.
		// Its id is not needed: nothing is read back (jobs.Add).
		if err := jobs.Add(ctx, tx, ReceiptJob, receiptJob{Dossier: id, Title: rc.ProcedureTitle},
			jobs.EnqueueOptions{RunAt: now}); err != nil {
			return fmt.Errorf("submit dossier %d: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if s.opts.Jobs != nil && database.TxFrom(ctx) == nil {
		s.opts.Jobs.Notify()
	}
	return out, nil
}

// ReceiptJob is the kind of the job that tells a person their dossier was
// received; New registers its handler on Options.Jobs.
const ReceiptJob = "dossier_receipt"

// receiptJob is the payload of a ReceiptJob: nothing personal.
type receiptJob struct {
	Dossier int64  `json:"dossier"`
	Title   string `json:"title,omitempty"` // the procedure's title, as the person saw it
}

// sendReceipt stores the receipt of a sent dossier through the notifier,
// with its send job, in one transaction. Run again (a retry, a worker that
// died), it stores nothing more: the notifier's key is the dossier's.
func (s *Service) sendReceipt(ctx context.Context, j jobs.Job) error {
	var p receiptJob
	if err := j.Decode(&p); err != nil {
		return err
	}
	if s.opts.Notifier == nil {
		return nil
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		d, err := s.get(ctx, tx, p.Dossier)
		if errs.Is(err, errs.NotFound) {
			return nil // deleted since, with its person's account
		}
		if err != nil {
			return err
		}
		title := p.Title
		if title == "" {
			title = s.procedureTitle(ctx, d.Procedure)
		}
		return s.notifyOwner(ctx, d, notify.DossierReceived, "recu", map[string]string{"procedure": title,
			"feedback_link": strings.TrimRight(s.opts.BaseURL, "/") + "/demarches/" + d.Procedure + "/avis"})
	})
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
