package rights

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

// maxComment bounds what a person writes with "Résultat inattendu ?".
const maxComment = 1000

// Feedback is a "Résultat inattendu ?" on a rule: the situation it was
// given, what it answered and what the person said, with nobody named.
type Feedback struct {
	ID   int64
	Slug string
	// Answers are the questionnaire's answers, by question ID.
	Answers map[string]string
	// Eligible is what the rule answered: "oui", "non" or "inconnu".
	Eligible string
	Comment  string
	// EvaluatedOn is the day of the parameters used, "2026-11-30".
	EvaluatedOn string
	CreatedAt   time.Time
}

const insertFeedbackSQL = `INSERT INTO rights_feedback (slug, answers, eligible, comment, evaluated_on, created_at)
VALUES ($1, $2, $3, $4, $5, $6)`

// Unexpected records the person's "Résultat inattendu ?" on a suggestion
// of theirs: the answers the rule saw (evaluated again now) and their
// comment, without their id or anything that names them besides what they
// write, which the page warns about. The comment is optional and bounded.
func (s *Service) Unexpected(ctx context.Context, userID int64, slug, comment string) error {
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > maxComment {
		return errs.InvalidFields("Votre message est trop long.", []errs.FieldError{{Field: "comment",
			Message: fmt.Sprintf("Écrivez au plus %d caractères.", maxComment)}})
	}
	if ok, err := s.Allowed(ctx, userID); err != nil || !ok {
		if err == nil {
			err = errNoSuggestion
		}
		return err
	}
	day := s.clock()
	a, err := s.answersOf(ctx, userID, day)
	if err != nil {
		return err
	}
	outcomes, err := s.opts.Catalogue.Assess(ctx, a, day)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(outcomes, func(o eligibility.Outcome) bool { return o.Slug == slug })
	if i < 0 {
		return errNoSuggestion
	}
	answers, _ := json.Marshal(flat(a.Encode()))
	_, err = s.db.Querier(ctx).ExecContext(ctx, insertFeedbackSQL, slug, string(answers), word(outcomes[i].Eligible),
		comment, day.Format(eligibility.DateLayout), s.now())
	if err != nil {
		return fmt.Errorf("store feedback: %w", err)
	}
	return nil
}

// word writes a rule's answer.
func word(b *bool) string {
	switch {
	case b == nil:
		return "inconnu"
	case *b:
		return "oui"
	}
	return "non"
}

// flat keeps the first value of each form field.
func flat(form url.Values) map[string]string {
	out := make(map[string]string, len(form))
	for k := range form {
		out[k] = form.Get(k)
	}
	return out
}

const feedbackOfSQL = `SELECT id, slug, answers, eligible, comment, evaluated_on, created_at FROM rights_feedback
WHERE slug = $1 ORDER BY created_at DESC, id DESC LIMIT 100`

// FeedbackOf returns the newest "Résultat inattendu ?" of a rule, for its
// owner's page.
func (s *Service) FeedbackOf(ctx context.Context, slug string) ([]Feedback, error) {
	rows, err := s.db.QueryContext(ctx, feedbackOfSQL, slug)
	if err != nil {
		return nil, fmt.Errorf("feedback of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		var f Feedback
		var answers string
		if err := rows.Scan(&f.ID, &f.Slug, &answers, &f.Eligible, &f.Comment, &f.EvaluatedOn, &f.CreatedAt); err != nil {
			return nil, fmt.Errorf("feedback of %s: %w", slug, err)
		}
		_ = json.Unmarshal([]byte(answers), &f.Answers)
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// HouseholdDraft writes the feedback as a reference household of
// internal/eligibility's reference_households.json, for the owner to check
// and add: the situation, the day, and as expected answer the opposite of
// what the rule said (that is what "unexpected" claims), or null when the
// rule could not tell. The owner confirms the expectation with its source
// before adding it.
func (f Feedback) HouseholdDraft() string {
	var expected any
	switch f.Eligible {
	case "oui":
		expected = false
	case "non":
		expected = true
	}
	answers := make(map[string]string, len(f.Answers))
	for _, k := range slices.Sorted(maps.Keys(f.Answers)) {
		answers[k] = f.Answers[k]
	}
	b, _ := json.MarshalIndent(map[string]any{
		"name":     "retour « résultat inattendu » n° " + itoa(f.ID) + " (à vérifier)",
		"date":     f.EvaluatedOn,
		"answers":  answers,
		"expected": map[string]any{f.Slug: expected},
	}, "", " ")
	return string(b)
}
