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

// draftToSendSQL reads what sending a draft needs, its answers as stored:
// the sending writes the row only if they are still the ones checked.
const draftToSendSQL = `SELECT user_id, state, reference, procedure_slug, org_id, form_version, current_page, answers,
created_at, COALESCE(helped_by_org_id, 0) FROM dossiers WHERE id = $1`

// draftToSend reads the draft id of userID and its answers as stored; not
// found for another person's dossier, a refused move when it is no longer
// a draft (sent by a second click, a second tab).
func (s *Service) draftToSend(ctx context.Context, userID, id int64) (*Dossier, string, error) {
	d := Dossier{ID: id}
	var answers string
	err := s.db.Querier(ctx).QueryRowContext(ctx, draftToSendSQL, id).Scan(&d.UserID, &d.State, &d.Reference,
		&d.Procedure, &d.OrgID, &d.FormVersion, &d.CurrentPage, &answers, &d.CreatedAt, &d.HelpedByOrgID)
	if database.IsNoRows(err) {
		return nil, "", errNotFound
	}
	if err != nil {
		return nil, "", fmt.Errorf("read draft %d: %w", id, err)
	}
	if d.UserID != userID {
		return nil, "", errNotFound
	}
	if err := checkMove(d.State, InConstruction); err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal([]byte(answers), &d.Answers); err != nil {
		return nil, "", fmt.Errorf("answers of dossier %d: %w", id, err)
	}
	if d.Answers == nil {
		d.Answers = Answers{}
	}
	d.CreatedAt = d.CreatedAt.UTC()
	return &d, answers, nil
}

// sendSQL sends a draft whose answers are still those checked ($4, as
// stored). No row changed means they changed meanwhile (a page saved in
// another tab) or the draft was sent or deleted: Submit reads it again.
// A draft was never decided: decided_at stays out of the SET, so that its
// index is not rewritten.
const sendSQL = `UPDATE dossiers SET state = 'en_construction', updated_at = $1, submitted_at = $1,
expires_at = NULL, expiry_notice_at = NULL
WHERE id = $2 AND user_id = $3 AND state = 'brouillon' AND answers = $4`

// sendAtOnceSQL is sendSQL with the sending's timeline entry (as addEvent
// writes it, the person acting) and its receipt job (jobs.Row from $5),
// written when, and only when, the row is sent: one statement on
// PostgreSQL, so one round trip and no transaction of its own, where
// BEGIN, the writes and COMMIT would each be one. It returns how many
// dossiers it sent: 1, or 0 as sendSQL.
var sendAtOnceSQL = `WITH d AS (` + sendSQL + ` RETURNING id),
e AS (INSERT INTO dossier_events (dossier_id, at, actor_id, kind, from_state, to_state, detail, token_id, via_org_id)
SELECT id, $1, $3, 'etat', 'brouillon', 'en_construction', '', NULL, NULL FROM d),
j AS (` + jobs.InsertFromSQL("d", 5) + `)
SELECT COUNT(*) FROM d`

// Submit sends the person's draft id, as SubmitAsRead does with the draft
// read now.
func (s *Service) Submit(ctx context.Context, who Submitter, id int64, rc Receipt) (*Dossier, error) {
	d, answers, err := s.draftToSend(ctx, who.UserID, id)
	if err != nil {
		return nil, err
	}
	return s.submit(ctx, who, d, answers, rc)
}

// SubmitAsRead sends d, the person's draft as the caller read it (Get) to
// show or check it, as "Envoyer" on the review page does: its answers are
// checked against its form version; then it moves to en_construction
// with its timeline entry and the receipt job, all at once, so that a
// failure anywhere leaves the draft as it was, and no dossier is sent
// without its receipt to come. The job (ReceiptJob) then tells the person
// through the notifier, by their chosen channel.
//
// The checks run before anything is written, and the sending writes the
// row only if its answers are still those checked; when they changed
// meanwhile (a page saved in another tab), the draft is read, checked and
// sent again. The writes are then short when many people send at once (a
// deadline), and the page's read of the draft serves the sending. It
// returns the sent dossier.
func (s *Service) SubmitAsRead(ctx context.Context, who Submitter, d *Dossier, rc Receipt) (*Dossier, error) {
	if d.UserID != who.UserID {
		return nil, errNotFound
	}
	if err := checkMove(d.State, InConstruction); err != nil {
		return nil, err
	}
	// As SavePage stores them; if the row holds them written another way,
	// the first try sends nothing and the second reads them as stored.
	answers, err := json.Marshal(d.Answers)
	if err != nil {
		return nil, fmt.Errorf("encode answers of dossier %d: %w", d.ID, err)
	}
	sent := *d
	return s.submit(ctx, who, &sent, string(answers), rc)
}

// submit checks and sends the draft d whose answers are stored as answers,
// reading it again when they changed meanwhile.
func (s *Service) submit(ctx context.Context, who Submitter, d *Dossier, answers string, rc Receipt) (*Dossier, error) {
	for tries := 1; ; tries++ {
		if s.opts.Validate != nil {
			if err := s.opts.Validate(ctx, d.Procedure, d.FormVersion, d.Answers); err != nil {
				return nil, err
			}
		}
		// d as it is once sent, for the hooks and the caller; a draft not
		// sent is read again below.
		now := s.now()
		d.State, d.UpdatedAt, d.SubmittedAt, d.ExpiresAt = InConstruction, now, now, time.Time{}
		sent, err := s.send(ctx, d, answers, rc, now)
		if err != nil {
			return nil, fmt.Errorf("submit dossier %d: %w", d.ID, err)
		}
		if sent {
			if s.opts.Jobs != nil && database.TxFrom(ctx) == nil {
				s.opts.Jobs.Notify()
			}
			return d, nil
		}
		if tries == 3 {
			return nil, errs.E(errs.Conflict, "Vos réponses ont changé pendant l'envoi. Vérifiez-les, puis envoyez de nouveau.")
		}
		if d, answers, err = s.draftToSend(ctx, who.UserID, d.ID); err != nil {
			return nil, err
		}
	}
}

// send writes the sending of the draft d, whose answers were checked as
// stored: false when they are no longer those. On PostgreSQL, a sending
// that nothing else joins is one statement (sendAtOnceSQL); a mediator's
// journal, a hook of the procedure, the administration's webhooks or the
// caller's transaction need a transaction, as SQLite does.
func (s *Service) send(ctx context.Context, d *Dossier, answers string, rc Receipt, now time.Time) (bool, error) {
	job := receiptJob{Dossier: d.ID, Title: rc.ProcedureTitle}
	_, helped := HelperOf(ctx)
	hook := s.opts.OnSubmit[d.Procedure]
	listens := false
	if s.opts.Webhooks != nil {
		var err error
		if listens, err = s.opts.Webhooks.Listens(ctx, d.OrgID, webhooks.DossierSubmitted); err != nil {
			return false, err
		}
	}
	if s.db.Dialect == database.Postgres && !helped && hook == nil && !listens && s.opts.Notifier != nil &&
		database.TxFrom(ctx) == nil {
		// Due now by the service's clock, as the notifier's jobs are.
		args, err := jobs.Row(ReceiptJob, job, jobs.EnqueueOptions{RunAt: now})
		if err != nil {
			return false, err
		}
		var n int
		err = s.db.QueryRowContext(ctx, sendAtOnceSQL, append([]any{now, d.ID, d.UserID, answers}, args...)...).Scan(&n)
		return n == 1, err
	}
	sent := false
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, sendSQL, now, d.ID, d.UserID, answers)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return err // nil when not sent: nothing to roll back
		}
		sent = true
		if err := addEvent(ctx, tx, d.ID, Event{At: now, ActorID: d.UserID, Kind: EventState, From: Draft, To: InConstruction}); err != nil {
			return err
		}
		if hook != nil {
			if err := hook(ctx, d); err != nil {
				return err
			}
		}
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
		if listens {
			if err := s.publish(ctx, d, webhooks.DossierSubmitted, "envoi", now, map[string]any{"submitted_at": now}); err != nil {
				return err
			}
		}
		if s.opts.Notifier == nil {
			return nil
		}
		// No idempotency key: the state change above happens once, and
		// so does this job; the notifier's own key covers its retries.
		// Its id is not needed: nothing is read back (jobs.Add).
		return jobs.Add(ctx, tx, ReceiptJob, job, jobs.EnqueueOptions{RunAt: now})
	})
	return sent, err
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
