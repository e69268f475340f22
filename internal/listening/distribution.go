package listening

import (
	"context"
	"fmt"
	"time"
)

// Distribution is how the answers about a procedure spread: how many gave
// each face to the overall question, and each clarity from 1 to 5.
type Distribution struct {
	Overall map[Overall]int
	Clarity [5]int // Clarity[0] counts the answers of clarity 1
}

const distributionsSQL = `SELECT procedure_slug, overall_score, clarity, COUNT(*) FROM listening_feedback
	WHERE answered_at >= $1 AND answered_at < $2 GROUP BY procedure_slug, overall_score, clarity`

// Distributions counts the answers given from from (included) to to
// (excluded), procedure by procedure, in one pass: the observatory's
// charts of answers.
func (s *Service) Distributions(ctx context.Context, from, to time.Time) (map[string]Distribution, error) {
	rows, err := s.db.QueryContext(ctx, distributionsSQL, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("count answers by procedure: %w", err)
	}
	defer rows.Close()
	faces := map[int]Overall{}
	for _, o := range Overalls() {
		score, _ := o.Score()
		faces[score] = o
	}
	out := map[string]Distribution{}
	for rows.Next() {
		var slug string
		var score, clarity, n int
		if err := rows.Scan(&slug, &score, &clarity, &n); err != nil {
			return nil, fmt.Errorf("count answers by procedure: %w", err)
		}
		d, ok := out[slug]
		if !ok {
			d.Overall = map[Overall]int{}
		}
		d.Overall[faces[score]] += n
		if clarity >= 1 && clarity <= 5 {
			d.Clarity[clarity-1] += n
		}
		out[slug] = d
	}
	return out, rows.Err()
}
