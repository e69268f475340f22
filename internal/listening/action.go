package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// ActionStatus is where an action stands.
type ActionStatus string

// The statuses of an action, in their usual order.
const (
	ActionProposed  ActionStatus = "proposee"
	ActionStudied   ActionStatus = "a_l_etude"
	ActionOngoing   ActionStatus = "en_cours"
	ActionDone      ActionStatus = "realisee"
	ActionAbandoned ActionStatus = "abandonnee"
)

// ActionStatuses lists every status.
func ActionStatuses() []ActionStatus {
	return []ActionStatus{ActionProposed, ActionStudied, ActionOngoing, ActionDone, ActionAbandoned}
}

// Label says a status in French.
func (s ActionStatus) Label() string {
	switch s {
	case ActionStudied:
		return "À l'étude"
	case ActionOngoing:
		return "En cours"
	case ActionDone:
		return "Réalisée"
	case ActionAbandoned:
		return "Abandonnée"
	}
	return "Proposée"
}

// Indicators are the observatory's indicators an action may aim to move.
var Indicators = []struct{ Code, Label string }{
	{"satisfaction", "Satisfaction"}, {"clarte", "Clarté des informations"}, {"aide_joignable", "Aide joignable"},
	{"aide_efficace", "Aide efficace"}, {"autonomie", "Autonomie"},
}

func indicatorLabel(code string) (string, bool) {
	for _, i := range Indicators {
		if i.Code == code {
			return i.Label, true
		}
	}
	return "", code == ""
}

// Source is a proposal an action answers: kind "experience", "avis",
// "idee" or "verbatim", and its id.
type Source struct {
	Kind string
	ID   int64
}

// Plan is a new action of organisation OrgID.
type Plan struct {
	OrgID       int64
	Procedure   string
	ParentID    int64
	Weight      int
	OwnerID     int64
	Title       string
	Description string
	Indicator   string
	Sources     []Source
}

const (
	insertActionSQL = `INSERT INTO listening_actions (org_id, procedure_slug, parent_id, weight, owner_id, title, description,
	indicator, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`
	parentOrgSQL      = `SELECT org_id FROM listening_actions WHERE id = $1`
	insertSourceSQL   = `INSERT INTO listening_action_sources (action_id, kind, source_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`
	ideaOwnerSQL      = `SELECT s.owner_org_id, u.email FROM listening_suggestions s JOIN users u ON u.id = s.author_id WHERE s.id = $1`
	ideaToActionSQL   = `UPDATE listening_suggestions SET status = $1 WHERE id = $2`
	experienceMailSQL = `SELECT author_email_sealed, title FROM listening_experiences WHERE id = $1 AND org_id = $2`
)

// CreateAction records an action and the proposals it answers; their
// authors who can be written to follow it: an agent whose idea it is, a
// person who left their e-mail with their experience.
func (s *Service) CreateAction(ctx context.Context, p Plan, by Moderator) (int64, error) {
	var problems []errs.FieldError
	problems = append(problems, textProblem("title", "le titre de l'action", p.Title, maxTitle)...)
	if _, ok := indicatorLabel(p.Indicator); !ok {
		problems = append(problems, errs.FieldError{Field: "indicator", Message: "Choisissez un indicateur de la liste."})
	}
	if p.Weight == 0 {
		p.Weight = 1
	}
	if p.Weight < 1 || p.Weight > 100 {
		problems = append(problems, errs.FieldError{Field: "weight", Message: "Le poids est un nombre de 1 à 100."})
	}
	if len(problems) > 0 {
		return 0, errs.InvalidFields("L'action n'est pas complète.", problems)
	}
	now := s.now()
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		if p.ParentID != 0 {
			var org int64
			if err := tx.QueryRowContext(ctx, parentOrgSQL, p.ParentID).Scan(&org); err != nil || org != p.OrgID {
				return errs.InvalidFields("L'action parente n'existe pas.", []errs.FieldError{{Field: "parent",
					Message: "Choisissez une action parente de votre organisation."}})
			}
		}
		if err := tx.QueryRowContext(ctx, insertActionSQL, p.OrgID, p.Procedure, nullID(p.ParentID), p.Weight, nullID(p.OwnerID),
			strings.TrimSpace(p.Title), strings.TrimSpace(p.Description), p.Indicator, string(ActionProposed), now).Scan(&id); err != nil {
			return fmt.Errorf("insert action: %w", err)
		}
		for _, src := range p.Sources {
			if _, err := tx.ExecContext(ctx, insertSourceSQL, id, src.Kind, src.ID); err != nil {
				return fmt.Errorf("link proposal: %w", err)
			}
			if err := s.followSource(ctx, tx, id, strings.TrimSpace(p.Title), src, p.OrgID, by, now); err != nil {
				return err
			}
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_action_created", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("action %d", id)})
	})
	return id, err
}

// followSource makes the author of a proposal a follower of the action:
// the agent whose idea it is at once (their account's e-mail), a person
// who left their e-mail with their experience once they confirm it. An
// idea becomes an action only in the hands of its owner: the owner of its
// procedure, in the procedure's organisation, or for an idea about the
// service itself the observatory (by.MayAnswer says who they are).
func (s *Service) followSource(ctx context.Context, tx *sql.Tx, id int64, title string, src Source, orgID int64, by Moderator, now time.Time) error {
	switch src.Kind {
	case "idee":
		var owner sql.NullInt64
		var email string
		err := tx.QueryRowContext(ctx, ideaOwnerSQL, src.ID).Scan(&owner, &email)
		if errors.Is(err, sql.ErrNoRows) || (owner.Valid && owner.Int64 != orgID) {
			return errNoSuggestion
		}
		if err != nil {
			return fmt.Errorf("read idea: %w", err)
		}
		if by.MayAnswer == nil || !by.MayAnswer(owner.Int64) {
			return errs.E(errs.Forbidden, "Seul le responsable de la démarche fait d'une idée une action ; pour une idée sur le service lui-même, l'observatoire.")
		}
		if _, err := tx.ExecContext(ctx, ideaToActionSQL, string(SuggestionAction), src.ID); err != nil {
			return fmt.Errorf("turn idea into action: %w", err)
		}
		return s.follow(ctx, tx, id, title, email, "", now)
	case "experience":
		var sealed, story string
		err := tx.QueryRowContext(ctx, experienceMailSQL, src.ID, orgID).Scan(&sealed, &story)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoExperience
		}
		if err != nil || sealed == "" {
			return err
		}
		plain, err := s.box.Open(sealed)
		if err != nil {
			return fmt.Errorf("open author e-mail: %w", err)
		}
		return s.follow(ctx, tx, id, title, string(plain), "Votre expérience « "+story+" » a conduit l'administration à décider une action : « "+title+" ».", now)
	}
	return nil
}

var errNoAction = errs.E(errs.NotFound, "Cette action n'existe pas ou n'est pas de votre organisation.")

const (
	actionOfOrgSQL     = `SELECT title, status, procedure_slug FROM listening_actions WHERE id = $1 AND org_id = $2`
	updateActionSQL    = `UPDATE listening_actions SET status = $1, abandon_reason = $2, progress = $3, updated_at = $4 WHERE id = $5`
	insertMilestoneSQL = `INSERT INTO listening_milestones (action_id, title, due_at) VALUES ($1, $2, $3)`
)

// SetStatus changes an action's status and progress; a change of status
// is written to every follower, in the same transaction.
func (s *Service) SetStatus(ctx context.Context, id int64, status ActionStatus, reason string, progress int, by Moderator) error {
	var problems []errs.FieldError
	if _, ok := map[ActionStatus]bool{ActionProposed: true, ActionStudied: true, ActionOngoing: true, ActionDone: true, ActionAbandoned: true}[status]; !ok {
		problems = append(problems, errs.FieldError{Field: "status", Message: "Choisissez l'état de l'action."})
	}
	if status == ActionAbandoned && strings.TrimSpace(reason) == "" {
		problems = append(problems, errs.FieldError{Field: "reason", Message: "Dites pourquoi l'action est abandonnée."})
	}
	if progress < 0 || progress > 100 {
		problems = append(problems, errs.FieldError{Field: "progress", Message: "L'avancement est un pourcentage de 0 à 100."})
	}
	if len(problems) > 0 {
		return errs.InvalidFields("Le changement n'est pas complet.", problems)
	}
	if status == ActionDone {
		progress = 100
	}
	if status != ActionAbandoned {
		reason = ""
	}
	now := s.now()
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var title, old, slug string
		if err := tx.QueryRowContext(ctx, actionOfOrgSQL, id, by.OrgID).Scan(&title, &old, &slug); errors.Is(err, sql.ErrNoRows) {
			return errNoAction
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, updateActionSQL, string(status), strings.TrimSpace(reason), progress, now, id); err != nil {
			return fmt.Errorf("update action: %w", err)
		}
		if err := s.audit.Write(ctx, tx, audit.Entry{Event: "listening_action_status", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("action %d : %s", id, status)}); err != nil {
			return err
		}
		if ActionStatus(old) == status {
			return nil
		}
		return s.tellFollowers(ctx, tx, id, title, slug, status, reason, now)
	})
}

// AddMilestone adds a dated milestone to an action of the moderator's organisation.
func (s *Service) AddMilestone(ctx context.Context, id int64, title string, due time.Time, by Moderator) error {
	problems := textProblem("milestone", "le nom de l'étape", title, maxTitle)
	if due.IsZero() {
		problems = append(problems, errs.FieldError{Field: "due", Message: "Écrivez la date prévue sous la forme 2026-06-30."})
	}
	if len(problems) > 0 {
		return errs.InvalidFields("L'étape n'est pas complète.", problems)
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var t, st, slug string
		if err := tx.QueryRowContext(ctx, actionOfOrgSQL, id, by.OrgID).Scan(&t, &st, &slug); errors.Is(err, sql.ErrNoRows) {
			return errNoAction
		} else if err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, insertMilestoneSQL, id, strings.TrimSpace(title), due.UTC())
		return err
	})
}
