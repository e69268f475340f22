package dossiers

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/database"
	"guichet/internal/errs"
)

// Answers are what a person answered, by form field key, each answer
// as the forms module encodes it in JSON (forms.Value). The dossiers
// module stores them without reading them, so that it does not depend on
// how a form asks its questions.
type Answers map[string]json.RawMessage

// Text returns the answer of a field encoded as {"text": …}, as forms
// encodes a text answer; "" when there is none.
func (a Answers) Text(key string) string {
	var v struct {
		Text string `json:"text"`
	}
	json.Unmarshal(a[key], &v)
	return v.Text
}

// TextAnswer encodes a text answer as forms does: for tests and demo data.
func TextAnswer(s string) json.RawMessage {
	b, _ := json.Marshal(map[string]string{"text": s})
	return b
}

// Dossier is one request of one person on one procedure.
type Dossier struct {
	ID          int64
	Reference   string // 8 characters; see FormatReference
	UserID      int64
	Procedure   string // the procedure's slug
	OrgID       int64  // the administration in charge
	FormVersion int
	State       State
	CurrentPage int
	Answers     Answers
	CreatedAt   time.Time
	UpdatedAt   time.Time
	SubmittedAt time.Time // zero for a draft
	DecidedAt   time.Time // zero until decided
	ExpiresAt   time.Time // zero unless a draft
	AssignedTo  int64     // the agent the dossier is given to, 0 for nobody
	// HelpedByOrgID is the help structure whose mediator last worked on
	// the dossier under a mandate ("aidé par un médiateur"); 0 when none.
	HelpedByOrgID int64
	// Correction is the open correction request, nil when none.
	Correction *Correction
}

// Label is the dossier's state in plain words, "À corriger" when a
// correction is asked.
func (d *Dossier) Label() string {
	if d.Correction != nil && d.State == InConstruction {
		return "À corriger"
	}
	return d.State.Label()
}

// ShownReference is the reference as shown, XXXX-XXXX.
func (d *Dossier) ShownReference() string { return FormatReference(d.Reference) }

const dossierColumns = `id, reference, user_id, procedure_slug, org_id, form_version, state, current_page, answers,
created_at, updated_at, submitted_at, decided_at, expires_at, COALESCE(assigned_to, 0), COALESCE(helped_by_org_id, 0)`

func scanDossier(row interface{ Scan(...any) error }) (*Dossier, error) {
	var d Dossier
	var answers string
	var submitted, decided, expires sql.NullTime
	if err := row.Scan(&d.ID, &d.Reference, &d.UserID, &d.Procedure, &d.OrgID, &d.FormVersion, &d.State,
		&d.CurrentPage, &answers, &d.CreatedAt, &d.UpdatedAt, &submitted, &decided, &expires, &d.AssignedTo, &d.HelpedByOrgID); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(answers), &d.Answers); err != nil {
		return nil, fmt.Errorf("answers of dossier %d: %w", d.ID, err)
	}
	if d.Answers == nil {
		d.Answers = Answers{}
	}
	d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	d.SubmittedAt, d.DecidedAt, d.ExpiresAt = submitted.Time.UTC(), decided.Time.UTC(), expires.Time.UTC()
	if !submitted.Valid {
		d.SubmittedAt = time.Time{}
	}
	if !decided.Valid {
		d.DecidedAt = time.Time{}
	}
	if !expires.Valid {
		d.ExpiresAt = time.Time{}
	}
	return &d, nil
}

var errNotFound = errs.E(errs.NotFound, "Ce dossier n'existe pas, ou il n'est pas à vous. Retrouvez vos dossiers dans « Mes démarches ».")

const dossierByIDSQL = `SELECT ` + dossierColumns + ` FROM dossiers WHERE id = $1`

// get reads a dossier with its open correction through q.
func (s *Service) get(ctx context.Context, q database.Querier, id int64) (*Dossier, error) {
	d, err := scanDossier(q.QueryRowContext(ctx, dossierByIDSQL, id))
	if database.IsNoRows(err) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read dossier %d: %w", id, err)
	}
	if d.Correction, err = s.openCorrection(ctx, q, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Get returns a dossier of the person userID; another person's dossier is
// not found, as if it did not exist.
func (s *Service) Get(ctx context.Context, userID, id int64) (*Dossier, error) {
	d, err := s.get(ctx, s.db.Querier(ctx), id)
	if err != nil {
		return nil, err
	}
	if d.UserID != userID {
		return nil, errNotFound
	}
	if err := s.helperRead(ctx, userID, "dossier "+d.ShownReference()); err != nil {
		return nil, err
	}
	return d, nil
}

// helperRead writes to the person's access log a read of their data by
// the mediator ctx carries, when one acts for them (WithHelper); nothing
// when the person reads their own.
func (s *Service) helperRead(ctx context.Context, personID int64, category string) error {
	h, ok := HelperOf(ctx)
	if !ok {
		return nil
	}
	return s.access.Record(ctx, nil, accesslog.Entry{PersonUserID: personID, OrgID: h.OrgID,
		ActorKind: accesslog.ByMediator, ActorID: h.MediatorID, Action: accesslog.Read, Category: category,
		Purpose: "vous aider dans vos démarches, sous votre mandat n° " + strconv.FormatInt(h.MandateID, 10)})
}

// GetForStaff returns a dossier for an agent of the organisation orgID:
// a dossier of another administration is not found. The read is written
// to the audit log, as every read of a person's data by staff.
func (s *Service) GetForStaff(ctx context.Context, agentID, orgID, id int64) (*Dossier, error) {
	d, err := s.get(ctx, s.db.Querier(ctx), id)
	if err != nil {
		return nil, err
	}
	if d.OrgID != orgID || d.State == Draft {
		return nil, errNotFound
	}
	if err := s.staffRead(ctx, Agent{UserID: agentID, OrgID: orgID}, d.UserID, "dossier "+d.Reference,
		"dossier "+d.ShownReference()); err != nil {
		return nil, err
	}
	return d, nil
}

// staffRead writes a read of a person's data by an agent or an
// organisation's API token to the audit log and to the person's access
// log, in one transaction (the caller's when ctx carries one): the read
// is refused when either write fails, so that nobody reads a dossier
// without the person being able to see it.
func (s *Service) staffRead(ctx context.Context, ag Agent, personID int64, what, category string) error {
	e := accesslog.Entry{PersonUserID: personID, OrgID: ag.OrgID, ActorKind: accesslog.ByAgent, ActorID: ag.UserID,
		Action: accesslog.Read, Category: category, Purpose: "instruction de votre demande"}
	if ag.TokenID != 0 {
		e.ActorKind, e.ActorID, e.ActorName = accesslog.ByToken, 0, "jeton d'API n° "+strconv.FormatInt(ag.TokenID, 10)
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if err := s.audit.Write(ctx, tx, auditRead(ag, personID, what)); err != nil {
			return err
		}
		return s.access.Record(ctx, tx, e)
	})
}

// Summary is a dossier in a person's list.
type Summary struct {
	ID          int64
	Reference   string
	Procedure   string
	State       State
	Correction  bool // a correction is asked
	UpdatedAt   time.Time
	SubmittedAt time.Time
	ExpiresAt   time.Time
	DecidedAt   time.Time // zero until decided; set by ListForOrg only
}

// Label is the state in plain words, "À corriger" when a correction is asked.
func (s Summary) Label() string {
	if s.Correction && s.State == InConstruction {
		return "À corriger"
	}
	return s.State.Label()
}

// ShownReference is the reference as shown, XXXX-XXXX.
func (s Summary) ShownReference() string { return FormatReference(s.Reference) }

const listOfUserSQL = `SELECT d.id, d.reference, d.procedure_slug, d.state, d.updated_at, d.submitted_at, d.expires_at,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL)
FROM dossiers d WHERE d.user_id = $1 ORDER BY d.updated_at DESC, d.id DESC LIMIT $2`

// List returns the person's dossiers, drafts included, most recently
// changed first, at most limit (500 when 0).
func (s *Service) List(ctx context.Context, userID int64, limit int) ([]Summary, error) {
	if limit <= 0 {
		limit = 500
	}
	if err := s.helperRead(ctx, userID, "liste de vos démarches"); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, listOfUserSQL, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("list dossiers of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var sm Summary
		var submitted, expires sql.NullTime
		if err := rows.Scan(&sm.ID, &sm.Reference, &sm.Procedure, &sm.State, &sm.UpdatedAt, &submitted, &expires,
			&sm.Correction); err != nil {
			return nil, fmt.Errorf("list dossiers of user %d: %w", userID, err)
		}
		sm.UpdatedAt = sm.UpdatedAt.UTC()
		if submitted.Valid {
			sm.SubmittedAt = submitted.Time.UTC()
		}
		if expires.Valid {
			sm.ExpiresAt = expires.Time.UTC()
		}
		out = append(out, sm)
	}
	return out, rows.Err()
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode: %w", err)
	}
	return string(b), nil
}
