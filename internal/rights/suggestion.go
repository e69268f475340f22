package rights

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// AccountPath is the person's page of suggestions.
const AccountPath = "/compte/droits"

// Suggestion is an aid the person is likely missing, a priori.
type Suggestion struct {
	Slug string
	// Reason says why, in plain words.
	Reason string
	// Unchecked lists what the rule could not check.
	Unchecked []string
	// ParametersDate is the date of the newest parameter value used.
	ParametersDate string
	CreatedAt      time.Time
	// FollowedAt is when the person started the procedure from it, zero
	// before.
	FollowedAt time.Time
}

const listSQL = `SELECT slug, reason, unchecked, parameters_date, created_at, followed_at FROM rights_suggestions
WHERE user_id = $1 AND dismissed_at IS NULL ORDER BY created_at, slug`

// List returns the person's suggestions not dismissed, oldest first, while
// their consent lasts; none without it.
func (s *Service) List(ctx context.Context, userID int64) ([]Suggestion, error) {
	ok, err := s.Allowed(ctx, userID)
	if err != nil || !ok {
		return nil, err
	}
	return s.list(ctx, s.db.Querier(ctx), userID)
}

func (s *Service) list(ctx context.Context, q database.Querier, userID int64) ([]Suggestion, error) {
	rows, err := q.QueryContext(ctx, listSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("list suggestions of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []Suggestion
	for rows.Next() {
		var sg Suggestion
		var unchecked string
		var followed sql.NullTime
		if err := rows.Scan(&sg.Slug, &sg.Reason, &unchecked, &sg.ParametersDate, &sg.CreatedAt, &followed); err != nil {
			return nil, fmt.Errorf("list suggestions of user %d: %w", userID, err)
		}
		_ = json.Unmarshal([]byte(unchecked), &sg.Unchecked)
		sg.CreatedAt = sg.CreatedAt.UTC()
		if followed.Valid {
			sg.FollowedAt = followed.Time.UTC()
		}
		out = append(out, sg)
	}
	return out, rows.Err()
}

const dismissSQL = `UPDATE rights_suggestions SET dismissed_at = $1 WHERE user_id = $2 AND slug = $3
AND dismissed_at IS NULL`

// Dismiss is "Ce n'est pas pour moi": the suggestion leaves the person's
// list and is not suggested again. Another person's, or one already
// dismissed, is errs.NotFound.
func (s *Service) Dismiss(ctx context.Context, userID int64, slug string) error {
	res, err := s.db.Querier(ctx).ExecContext(ctx, dismissSQL, s.now(), userID, slug)
	if err != nil {
		return fmt.Errorf("dismiss suggestion: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errNoSuggestion
	}
	return nil
}

var errNoSuggestion = errs.E(errs.NotFound, "Cette aide ne fait pas partie de vos suggestions.")

const (
	followSQL = `UPDATE rights_suggestions SET followed_at = $1 WHERE user_id = $2 AND slug = $3
	AND dismissed_at IS NULL AND followed_at IS NULL RETURNING created_at`
	suggestionExistsSQL = `SELECT COUNT(*) FROM rights_suggestions WHERE user_id = $1 AND slug = $2
	AND dismissed_at IS NULL`
	countFollowedSQL = `UPDATE rights_takeup SET followed = followed + 1 WHERE month = $1 AND slug = $2`
)

// Follow records that the person starts the procedure of a suggestion of
// theirs: the first time, take-up counts it in the month the suggestion
// was made. Following it again counts nothing more. Without the consent,
// or for an aid not suggested, it is errs.NotFound.
func (s *Service) Follow(ctx context.Context, userID int64, slug string) error {
	if ok, err := s.Allowed(ctx, userID); err != nil || !ok {
		if err == nil {
			err = errNoSuggestion
		}
		return err
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		var created time.Time
		err := tx.QueryRowContext(ctx, followSQL, s.now(), userID, slug).Scan(&created)
		if database.IsNoRows(err) {
			var n int
			if err := tx.QueryRowContext(ctx, suggestionExistsSQL, userID, slug).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errNoSuggestion
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("follow suggestion: %w", err)
		}
		_, err = tx.ExecContext(ctx, countFollowedSQL, month(created), slug)
		return err
	})
}
