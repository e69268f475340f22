package listening

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Summary is what the answers about a procedure say, on the observatory's
// scales: the raw sums and counts, so that editions and procedures add up,
// and the means.
type Summary struct {
	Answers   int
	ByChannel map[Channel]int
	// Satisfaction is the mean overall score /10; Clarity the mean clarity /10.
	Satisfaction, Clarity float64
	// Tried counts the answers that tried a help, Reached those that reached it.
	Tried, Reached int
	// HelpQuality is the mean quality /10 of the helps rated, over Rated answers.
	HelpQuality float64
	Rated       int
	// NoHelp counts the answers that sought no help (autonomie).
	NoHelp int
}

// Reachable is the share of answers that reached the help they tried (aide joignable).
func (s Summary) Reachable() float64 { return ratio(s.Reached, s.Tried) }

// Autonomy is the share of answers that sought no help.
func (s Summary) Autonomy() float64 { return ratio(s.NoHelp, s.Answers) }

// means sets the means from the sums of the overall, clarity and help
// quality scores, once the counts are set.
func (s *Summary) means(overall, clarity, quality float64) {
	if s.Answers > 0 {
		s.Satisfaction, s.Clarity = overall/float64(s.Answers), clarity/float64(s.Answers)
	}
	if s.Rated > 0 {
		s.HelpQuality = quality / float64(s.Rated)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

const summarySQL = `SELECT channel, COUNT(*), SUM(overall_score), SUM(clarity_score),
	SUM(CASE WHEN help_reached IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN help_reached THEN 1 ELSE 0 END),
	COALESCE(SUM(help_quality_score), 0), COUNT(help_quality_score),
	SUM(CASE WHEN no_help THEN 1 ELSE 0 END)
	FROM listening_feedback WHERE procedure_slug = $1 GROUP BY channel`

// ProcedureSummary sums up every answer about the procedure slug.
func (s *Service) ProcedureSummary(ctx context.Context, slug string) (Summary, error) {
	sum := Summary{ByChannel: map[Channel]int{}}
	rows, err := s.db.QueryContext(ctx, summarySQL, slug)
	if err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	defer rows.Close()
	var overall, clarity, quality float64
	for rows.Next() {
		var ch string
		var n, tried, reached, rated, none int
		var o, c, q sql.NullFloat64
		if err := rows.Scan(&ch, &n, &o, &c, &tried, &reached, &q, &rated, &none); err != nil {
			return sum, fmt.Errorf("summarise feedback: %w", err)
		}
		sum.ByChannel[Channel(ch)] = n
		sum.Answers += n
		overall, clarity, quality = overall+o.Float64, clarity+c.Float64, quality+q.Float64
		sum.Tried, sum.Reached, sum.Rated, sum.NoHelp = sum.Tried+tried, sum.Reached+reached, sum.Rated+rated, sum.NoHelp+none
	}
	if err := rows.Err(); err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	sum.means(overall, clarity, quality)
	return sum, nil
}

const summariesSQL = `SELECT procedure_slug, COUNT(*), SUM(overall_score), SUM(clarity_score),
	SUM(CASE WHEN help_reached IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN help_reached THEN 1 ELSE 0 END),
	COALESCE(SUM(help_quality_score), 0), COUNT(help_quality_score),
	SUM(CASE WHEN no_help THEN 1 ELSE 0 END)
	FROM listening_feedback WHERE answered_at >= $1 AND answered_at < $2 GROUP BY procedure_slug`

// Summaries sums up the answers given from from (included) to to
// (excluded), procedure by procedure, in one pass: what the observatory
// reads for an edition. ByChannel is left empty.
func (s *Service) Summaries(ctx context.Context, from, to time.Time) (map[string]Summary, error) {
	rows, err := s.db.QueryContext(ctx, summariesSQL, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("summarise feedback by procedure: %w", err)
	}
	defer rows.Close()
	out := map[string]Summary{}
	for rows.Next() {
		var slug string
		var sum Summary
		var o, c, q sql.NullFloat64
		if err := rows.Scan(&slug, &sum.Answers, &o, &c, &sum.Tried, &sum.Reached, &q, &sum.Rated, &sum.NoHelp); err != nil {
			return nil, fmt.Errorf("summarise feedback by procedure: %w", err)
		}
		sum.means(o.Float64, c.Float64, q.Float64)
		out[slug] = sum
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summarise feedback by procedure: %w", err)
	}
	return out, nil
}
