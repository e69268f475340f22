package listening

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// SuggestionStatus is what the owner made of an agent's suggestion.
type SuggestionStatus string

// The statuses of a suggestion, until it becomes an action.
const (
	SuggestionOpen     SuggestionStatus = "ouverte"
	SuggestionStudied  SuggestionStatus = "a_l_etude"
	SuggestionKept     SuggestionStatus = "retenue"
	SuggestionDeclined SuggestionStatus = "non_retenue"
	SuggestionAction   SuggestionStatus = "en_action"
)

// Label says a status in French.
func (s SuggestionStatus) Label() string {
	switch s {
	case SuggestionStudied:
		return "À l'étude"
	case SuggestionKept:
		return "Retenue"
	case SuggestionDeclined:
		return "Non retenue"
	case SuggestionAction:
		return "Devenue une action"
	}
	return "Ouverte"
}

// AnswerStatuses are the statuses an owner may give when answering.
func AnswerStatuses() []SuggestionStatus {
	return []SuggestionStatus{SuggestionStudied, SuggestionKept, SuggestionDeclined}
}

// Idea is what an agent suggests: for a procedure (its slug and the
// organisation that owns it) or, with no procedure, for the service.
type Idea struct {
	Procedure  string
	OwnerOrgID int64
	Title      string
	Body       string
}

// Suggestion is an agent's suggestion as colleagues read it.
type Suggestion struct {
	ID          int64
	AuthorID    int64
	AuthorName  string
	Procedure   string
	OwnerOrgID  int64
	Title, Body string
	Status      SuggestionStatus
	Answer      string
	AnsweredAt  time.Time
	CreatedAt   time.Time
	Votes       int
	Voted       bool // the reader voted
	Comments    []Comment
}

// Comment is a colleague's comment on a suggestion.
type Comment struct {
	AuthorName string
	Body       string
	CreatedAt  time.Time
}

func textProblem(field, what, value string, max int) []errs.FieldError {
	switch n := utf8.RuneCountInString(strings.TrimSpace(value)); {
	case n == 0:
		return []errs.FieldError{{Field: field, Message: "Écrivez " + what + "."}}
	case n > max:
		return []errs.FieldError{{Field: field, Message: fmt.Sprintf("Le texte est trop long : %d caractères au plus.", max)}}
	}
	return nil
}

const insertSuggestionSQL = `INSERT INTO listening_suggestions (author_id, procedure_slug, owner_org_id, title, body,
	status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`

// Suggest stores an agent's suggestion, signed with their name.
func (s *Service) Suggest(ctx context.Context, idea Idea, authorID int64) (int64, error) {
	problems := append(textProblem("title", "le titre de votre idée", idea.Title, maxTitle),
		textProblem("body", "votre idée en quelques phrases", idea.Body, maxBody)...)
	if len(problems) > 0 {
		return 0, errs.InvalidFields("Votre idée n'est pas complète.", problems)
	}
	var id int64
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertSuggestionSQL, authorID, idea.Procedure, nullID(idea.OwnerOrgID),
			strings.TrimSpace(idea.Title), strings.TrimSpace(idea.Body), string(SuggestionOpen), s.now()).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("suggest: %w", err)
	}
	return id, nil
}

// ErrVotedAlready refuses a second vote of one colleague.
var ErrVotedAlready = errs.E(errs.Conflict, "Vous avez déjà voté pour cette idée : chacun vote une fois.")

const insertVoteSQL = `INSERT INTO listening_suggestion_votes (suggestion_id, user_id, created_at) VALUES ($1, $2, $3)
	ON CONFLICT (suggestion_id, user_id) DO NOTHING`

// Vote records a colleague's vote; the database holds one per colleague,
// so a second one (two tabs, two nodes) is refused with ErrVotedAlready.
func (s *Service) Vote(ctx context.Context, id, userID int64) error {
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.suggestionOwner(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, insertVoteSQL, id, userID, s.now())
		if err != nil {
			return fmt.Errorf("vote: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrVotedAlready
		}
		return nil
	})
}

const insertCommentSQL = `INSERT INTO listening_suggestion_comments (suggestion_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)`

// Comment adds a colleague's comment to a suggestion.
func (s *Service) Comment(ctx context.Context, id, userID int64, body string) error {
	if p := textProblem("comment", "votre commentaire", body, maxReply); len(p) > 0 {
		return errs.InvalidFields("Le commentaire est vide ou trop long.", p)
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := s.suggestionOwner(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, insertCommentSQL, id, userID, strings.TrimSpace(body), s.now()); err != nil {
			return fmt.Errorf("comment: %w", err)
		}
		return nil
	})
}

const suggestionOwnerSQL = `SELECT COALESCE(owner_org_id, 0) FROM listening_suggestions WHERE id = $1`

var errNoSuggestion = errs.E(errs.NotFound, "Cette idée n'existe pas.")

func (s *Service) suggestionOwner(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var org int64
	err := tx.QueryRowContext(ctx, suggestionOwnerSQL, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNoSuggestion
	}
	return org, err
}

// Owner says who answers: MayAnswer tells whether they own organisation
// orgID's procedures (0: the service, its platform administrators).
type Owner struct {
	UserID    int64
	IP        string
	MayAnswer func(orgID int64) bool
}

const answerSuggestionSQL = `UPDATE listening_suggestions SET status = $1, answer = $2, answered_by = $3, answered_at = $4
	WHERE id = $5`

// AnswerSuggestion records the owner's answer and the status it gives.
func (s *Service) AnswerSuggestion(ctx context.Context, id int64, status SuggestionStatus, answer string, by Owner) error {
	var problems []errs.FieldError
	if !validAnswerStatus(status) {
		problems = append(problems, errs.FieldError{Field: "status", Message: "Choisissez ce que devient l'idée."})
	}
	problems = append(problems, textProblem("answer", "votre réponse à l'auteur", answer, maxReply)...)
	if len(problems) > 0 {
		return errs.InvalidFields("La réponse n'est pas complète.", problems)
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		org, err := s.suggestionOwner(ctx, tx, id)
		if err != nil {
			return err
		}
		if by.MayAnswer == nil || !by.MayAnswer(org) {
			return errs.E(errs.Forbidden, "Seul le responsable de la démarche répond à cette idée.")
		}
		if _, err := tx.ExecContext(ctx, answerSuggestionSQL, string(status), strings.TrimSpace(answer), by.UserID, s.now(), id); err != nil {
			return fmt.Errorf("answer suggestion: %w", err)
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "listening_suggestion_answered", ActorID: by.UserID, IP: by.IP,
			Detail: fmt.Sprintf("idée %d : %s", id, status)})
	})
}

func validAnswerStatus(st SuggestionStatus) bool {
	for _, a := range AnswerStatuses() {
		if a == st {
			return true
		}
	}
	return false
}
