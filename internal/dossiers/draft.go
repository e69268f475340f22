package dossiers

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// Start says which procedure a person starts, on which form version.
type Start struct {
	UserID      int64
	Procedure   string // slug
	OrgID       int64  // the administration in charge of the procedure
	FormVersion int
}

const draftOfSQL = `SELECT ` + dossierColumns + ` FROM dossiers
WHERE user_id = $1 AND procedure_slug = $2 AND draft_slot = $3 AND state = 'brouillon'`

// The conflict target names the partial unique index, so that a second
// start racing the first stores nothing instead of failing; a clash of
// references still fails, and Start tries another one.
const insertDraftSQL = `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state, draft_slot,
current_page, answers, created_at, updated_at, expires_at)
VALUES ($1, $2, $3, $4, $5, 'brouillon', $6, 0, '{}', $7, $7, $8)
ON CONFLICT (user_id, procedure_slug, draft_slot) WHERE state = 'brouillon' DO NOTHING
RETURNING id`

// StartDraft returns the person's draft of the procedure, creating it when
// they have none; created tells which. Following the start link again, a
// double click or a second tab thus always lead to the same draft.
func (s *Service) StartDraft(ctx context.Context, st Start) (d *Dossier, created bool, err error) {
	return s.startInSlot(ctx, st, 0)
}

const maxSlotSQL = `SELECT COALESCE(MAX(draft_slot), -1) FROM dossiers
WHERE user_id = $1 AND procedure_slug = $2 AND state = 'brouillon'`

// StartAnother starts a further draft beside the ones the person has,
// where the procedure allows several at a time; elsewhere it is refused.
func (s *Service) StartAnother(ctx context.Context, st Start) (*Dossier, error) {
	if s.opts.AllowsSeveral == nil || !s.opts.AllowsSeveral(st.Procedure) {
		return nil, errs.E(errs.Conflict, "Cette démarche se fait un dossier à la fois : terminez ou supprimez votre brouillon avant d'en commencer un autre.")
	}
	var slot int
	if err := s.db.QueryRowContext(ctx, maxSlotSQL, st.UserID, st.Procedure).Scan(&slot); err != nil {
		return nil, fmt.Errorf("start another dossier: %w", err)
	}
	// Two clicks racing compute the same slot: the second gets the
	// draft the first made, never a third one.
	d, _, err := s.startInSlot(ctx, st, slot+1)
	return d, err
}

func (s *Service) startInSlot(ctx context.Context, st Start, slot int) (d *Dossier, created bool, err error) {
	if st.UserID == 0 || st.Procedure == "" || st.OrgID == 0 {
		return nil, false, fmt.Errorf("start dossier: user, procedure and organisation are required")
	}
	for attempt := 0; attempt < 5; attempt++ {
		err = s.db.Transact(ctx, func(tx *sql.Tx) error {
			d, created, err = s.startTx(ctx, tx, st, slot)
			return err
		})
		if !database.IsUniqueViolation(err) {
			return d, created, err
		}
		// A reference already taken (one chance in 5·10¹¹): another one.
	}
	return nil, false, fmt.Errorf("start dossier: %w", err)
}

func (s *Service) startTx(ctx context.Context, tx *sql.Tx, st Start, slot int) (*Dossier, bool, error) {
	d, err := scanDossier(tx.QueryRowContext(ctx, draftOfSQL, st.UserID, st.Procedure, slot))
	if err == nil {
		return d, false, nil
	}
	if !database.IsNoRows(err) {
		return nil, false, fmt.Errorf("find draft: %w", err)
	}
	now := s.now()
	lifetime, err := s.lifetimeIn(ctx, tx, st.Procedure)
	if err != nil {
		return nil, false, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, insertDraftSQL, newReference(), st.UserID, st.Procedure, st.OrgID, st.FormVersion,
		slot, now, now.Add(lifetime)).Scan(&id)
	if database.IsNoRows(err) {
		// Another request made the draft meanwhile: that one is the draft.
		d, err := scanDossier(tx.QueryRowContext(ctx, draftOfSQL, st.UserID, st.Procedure, slot))
		if err != nil {
			return nil, false, fmt.Errorf("find draft made meanwhile: %w", err)
		}
		return d, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if err := addEvent(ctx, tx, id, Event{At: now, ActorID: st.UserID, Kind: EventStarted}); err != nil {
		return nil, false, err
	}
	if d, err = s.get(ctx, tx, id); err != nil {
		return nil, false, err
	}
	return d, true, s.assisted(ctx, tx, d, "dossier.started", "Brouillon commencé : "+s.procedureTitle(ctx, d.Procedure))
}

// Page is what a person sent from one page of a form.
type Page struct {
	Number int // the page sent, from 0
	// Fields names the fields of the page: their old answers are replaced,
	// so that an answer cleared or hidden on the page is gone. A field
	// named "enfants" also replaces "enfants.0.prenom" and the like.
	Fields []string
	Values Answers
	// Next is the page to come back to.
	Next int
}

const saveAnswersSQL = `UPDATE dossiers SET answers = $1, current_page = $2, updated_at = $3,
expires_at = CASE WHEN state = 'brouillon' THEN $4 ELSE expires_at END, expiry_notice_at = NULL
WHERE id = $5 AND state = $6`

// SavePage stores the answers of one page of the person's dossier as soon
// as it is sent, and remembers where they are. A draft takes any field; a
// dossier sent back for a correction takes only the fields asked.
func (s *Service) SavePage(ctx context.Context, userID, id int64, p Page) (*Dossier, error) {
	var out *Dossier
	var stale []string
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.UserID != userID {
			return errNotFound
		}
		if err := editable(d, p.Fields); err != nil {
			return err
		}
		merge(d.Answers, p.Fields, p.Values)
		body, err := json.Marshal(d.Answers)
		if err != nil {
			return fmt.Errorf("encode answers: %w", err)
		}
		now := s.now()
		lifetime, err := s.lifetimeIn(ctx, tx, d.Procedure)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, saveAnswersSQL, string(body), p.Next, now,
			now.Add(lifetime), id, string(d.State))
		if err != nil {
			return fmt.Errorf("save answers of dossier %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errs.E(errs.Conflict, "Ce dossier a changé entre-temps. Rechargez la page.")
		}
		// A file whose answer the page cleared or hid goes with it.
		if stale, err = s.dropStaleFiles(ctx, tx, d, "", 0); err != nil {
			return err
		}
		if out, err = s.get(ctx, tx, id); err != nil {
			return err
		}
		return s.assisted(ctx, tx, out, "dossier.saved", "Réponses enregistrées")
	})
	if err != nil {
		return nil, err
	}
	s.removeFiles(stale)
	return out, nil
}

// editable refuses to change a dossier that is no longer the person's to
// change, or a field that a correction did not ask for.
func editable(d *Dossier, fields []string) error {
	switch {
	case d.State == Draft:
		return nil
	case d.State == InConstruction && d.Correction != nil:
		for _, f := range fields {
			if !d.Correction.Asks(f) {
				return errs.E(errs.Forbidden, "Seules les réponses à corriger peuvent être changées. Les autres sont déjà envoyées.")
			}
		}
		return nil
	}
	return errs.Errorf(errs.Conflict, "Ce dossier est « %s » : ses réponses ne peuvent plus être changées.", d.Label())
}

// merge replaces in a the answers of fields by those of values.
func merge(a Answers, fields []string, values Answers) {
	for _, f := range fields {
		for k := range a {
			if k == f || strings.HasPrefix(k, f+".") {
				delete(a, k)
			}
		}
		for k, v := range values {
			if k == f || strings.HasPrefix(k, f+".") {
				a[k] = v
			}
		}
	}
}

const deleteDraftSQL = `DELETE FROM dossiers WHERE id = $1 AND user_id = $2 AND state = 'brouillon'`

// DeleteDraft deletes a draft of the person, with its files, at their request.
func (s *Service) DeleteDraft(ctx context.Context, userID, id int64) error {
	var files []string
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		// Read in the transaction of the deletion: a file attached
		// meanwhile is either listed here or keeps the draft.
		if files, err = s.storedNames(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, deleteDraftSQL, id, userID)
		if err != nil {
			return fmt.Errorf("delete draft %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errNotFound
		}
		// The journal keeps the deletion; the dossier's own rows are gone.
		return s.assisted(ctx, tx, d, "dossier.deleted", "Brouillon supprimé")
	})
	if err != nil {
		return err
	}
	s.removeFiles(files)
	return nil
}
