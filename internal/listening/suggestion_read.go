package listening

import (
	"context"
	"database/sql"
	"fmt"
)

const selectSuggestionSQL = `SELECT s.id, s.author_id, u.name, s.procedure_slug, COALESCE(s.owner_org_id, 0), s.title,
	s.body, s.status, s.answer, s.answered_at, s.created_at,
	(SELECT COUNT(*) FROM listening_suggestion_votes v WHERE v.suggestion_id = s.id),
	EXISTS (SELECT 1 FROM listening_suggestion_votes v WHERE v.suggestion_id = s.id AND v.user_id = $1)
	FROM listening_suggestions s JOIN users u ON u.id = s.author_id`

const (
	suggestionsSQL = selectSuggestionSQL + ` ORDER BY s.created_at DESC, s.id DESC LIMIT $2`
	suggestionSQL  = selectSuggestionSQL + ` WHERE s.id = $2`
)

// Suggestions lists the agents' suggestions, newest first, as reader
// userID sees them (whether they voted).
func (s *Service) Suggestions(ctx context.Context, userID int64) ([]Suggestion, error) {
	rows, err := s.db.QueryContext(ctx, suggestionsSQL, userID, maxListed)
	if err != nil {
		return nil, fmt.Errorf("list suggestions: %w", err)
	}
	defer rows.Close()
	var out []Suggestion
	for rows.Next() {
		sg, err := scanSuggestion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sg)
	}
	return out, rows.Err()
}

// SuggestionByID reads one suggestion with its comments.
func (s *Service) SuggestionByID(ctx context.Context, id, userID int64) (Suggestion, error) {
	sg, err := scanSuggestion(s.db.QueryRowContext(ctx, suggestionSQL, userID, id))
	if err == sql.ErrNoRows {
		return sg, errNoSuggestion
	}
	if err != nil {
		return sg, err
	}
	sg.Comments, err = s.comments(ctx, id)
	return sg, err
}

func scanSuggestion(row interface{ Scan(...any) error }) (Suggestion, error) {
	var sg Suggestion
	var st string
	var answered sql.NullTime
	err := row.Scan(&sg.ID, &sg.AuthorID, &sg.AuthorName, &sg.Procedure, &sg.OwnerOrgID, &sg.Title, &sg.Body, &st,
		&sg.Answer, &answered, &sg.CreatedAt, &sg.Votes, &sg.Voted)
	if err == sql.ErrNoRows {
		return sg, err
	}
	if err != nil {
		return sg, fmt.Errorf("read suggestion: %w", err)
	}
	sg.Status, sg.AnsweredAt = SuggestionStatus(st), answered.Time
	return sg, nil
}

const commentsSQL = `SELECT u.name, c.body, c.created_at FROM listening_suggestion_comments c
	JOIN users u ON u.id = c.author_id WHERE c.suggestion_id = $1 ORDER BY c.created_at, c.id`

func (s *Service) comments(ctx context.Context, id int64) ([]Comment, error) {
	rows, err := s.db.QueryContext(ctx, commentsSQL, id)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.AuthorName, &c.Body, &c.CreatedAt); err != nil {
			return nil, fmt.Errorf("list comments: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
