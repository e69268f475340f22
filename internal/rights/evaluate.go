package rights

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/jobs"
)

// Job kinds of the module.
const (
	// EvaluateJob evaluates one person's suggestions again.
	EvaluateJob = "rights.evaluate"
	// NoticeJob tells a person of a new suggestion, in the morning.
	NoticeJob = "rights.notice"
)

// evaluatePayload is the payload of EvaluateJob.
type evaluatePayload struct {
	UserID int64 `json:"user_id"`
}

// Reevaluate queues a new evaluation of the person's suggestions, in the
// caller's transaction when ctx carries one: the profile service calls it
// when the profile changes, the pages when a kept answer changes. A person
// who gave no consent costs one query when the job runs. Without a queue,
// the evaluation runs at once.
func (s *Service) Reevaluate(ctx context.Context, userID int64) error {
	if s.opts.Queue == nil {
		return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			_, err := s.evaluate(ctx, tx, userID)
			return err
		})
	}
	if _, err := jobs.Enqueue(ctx, s.db.Querier(ctx), EvaluateJob, evaluatePayload{UserID: userID},
		jobs.EnqueueOptions{RunAt: s.clock(), MaxAttempts: 5}); err != nil {
		return err
	}
	s.wake()
	return nil
}

// evaluateJob runs EvaluateJob.
func (s *Service) evaluateJob(ctx context.Context, j jobs.Job) error {
	var p evaluatePayload
	if err := j.Decode(&p); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := s.evaluate(ctx, tx, p.UserID)
		return err
	})
}

// Evaluate evaluates the person's suggestions now and returns how many are
// new. Without the person's consent it deletes any left and does nothing
// else.
func (s *Service) Evaluate(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		n, err = s.evaluate(ctx, tx, userID)
		return err
	})
	return n, err
}

const (
	suggestionStatesSQL = `SELECT slug, dismissed_at IS NOT NULL, followed_at IS NOT NULL FROM rights_suggestions
	WHERE user_id = $1`
	insertSuggestionSQL = `INSERT INTO rights_suggestions (user_id, slug, reason, unchecked, parameters_date, created_at,
	evaluated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`
	updateSuggestionSQL = `UPDATE rights_suggestions SET reason = $1, unchecked = $2, parameters_date = $3,
	evaluated_at = $4 WHERE user_id = $5 AND slug = $6`
	dropSuggestionSQL = `DELETE FROM rights_suggestions WHERE user_id = $1 AND slug = $2`
	countSuggestedSQL = `INSERT INTO rights_takeup (month, slug, suggested, followed) VALUES ($1, $2, 1, 0)
	ON CONFLICT (month, slug) DO UPDATE SET suggested = rights_takeup.suggested + 1`
)

// evaluate does the work of Evaluate in tx. A suggestion the rules no
// longer give goes, unless the person dismissed it (so that it does not
// come back) or followed it (take-up counts it).
func (s *Service) evaluate(ctx context.Context, tx *sql.Tx, userID int64) (int, error) {
	ok, err := s.Allowed(ctx, userID)
	if err != nil {
		return 0, err
	}
	if !ok {
		_, err := tx.ExecContext(ctx, deleteSuggestionsSQL, userID)
		return 0, err
	}
	day := s.clock()
	a, err := s.answersOf(ctx, userID, day)
	if err != nil {
		return 0, err
	}
	outcomes, err := s.opts.Catalogue.Assess(ctx, a, day)
	if err != nil {
		return 0, err
	}
	kept, err := s.states(ctx, tx, userID)
	if err != nil {
		return 0, err
	}
	applied := map[string]bool{}
	if s.opts.Applied != nil {
		list, err := s.opts.Applied(ctx, userID)
		if err != nil {
			return 0, err
		}
		for _, slug := range list {
			applied[slug] = true
		}
	}
	now, created := s.now(), 0
	for _, o := range outcomes {
		st, known := kept[o.Slug]
		delete(kept, o.Slug)
		if o.Eligible == nil || !*o.Eligible || (applied[o.Slug] && !(known && st.followed)) {
			if known && !st.dismissed && !st.followed {
				if _, err := tx.ExecContext(ctx, dropSuggestionSQL, userID, o.Slug); err != nil {
					return 0, fmt.Errorf("drop suggestion: %w", err)
				}
			}
			continue
		}
		unchecked, _ := json.Marshal(o.Unchecked)
		if known {
			if _, err := tx.ExecContext(ctx, updateSuggestionSQL, o.Reasons[0], string(unchecked), o.ParametersDate, now,
				userID, o.Slug); err != nil {
				return 0, fmt.Errorf("update suggestion: %w", err)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, insertSuggestionSQL, userID, o.Slug, o.Reasons[0], string(unchecked),
			o.ParametersDate, now); err != nil {
			return 0, fmt.Errorf("store suggestion: %w", err)
		}
		if _, err := tx.ExecContext(ctx, countSuggestedSQL, month(now), o.Slug); err != nil {
			return 0, fmt.Errorf("count suggestion: %w", err)
		}
		if err := s.queueNotice(ctx, tx, userID, o.Slug, now); err != nil {
			return 0, err
		}
		created++
	}
	// A procedure no longer published, or whose rule went, suggests nothing.
	for slug, st := range kept {
		if !st.dismissed && !st.followed {
			if _, err := tx.ExecContext(ctx, dropSuggestionSQL, userID, slug); err != nil {
				return 0, fmt.Errorf("drop suggestion: %w", err)
			}
		}
	}
	return created, nil
}

// state is what the person did with a stored suggestion.
type state struct{ dismissed, followed bool }

// states returns the person's stored suggestions by slug.
func (s *Service) states(ctx context.Context, tx *sql.Tx, userID int64) (map[string]state, error) {
	rows, err := tx.QueryContext(ctx, suggestionStatesSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("read suggestions of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := map[string]state{}
	for rows.Next() {
		var slug string
		var st state
		if err := rows.Scan(&slug, &st.dismissed, &st.followed); err != nil {
			return nil, err
		}
		out[slug] = st
	}
	return out, rows.Err()
}

// month is the month a time falls in, "2026-11", in UTC.
func month(t time.Time) string {
	return t.UTC().Format("2006-01")
}

// itoa is strconv.FormatInt for ids.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
