package listening

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Window is a span of answers: those given from From (included) to To
// (excluded), as Summaries takes them.
type Window struct {
	From, To time.Time
}

// spanSumsSQL reads the answers from $1 to $2 once and sums them up by
// procedure and by span, a span being the time between two consecutive
// edges of the windows; %s is the CASE that numbers a row's span. The
// sums are summariesSQL's, so that a window's are those of its spans.
const spanSumsSQL = `SELECT procedure_slug, %s AS span, COUNT(*), SUM(overall_score), SUM(clarity_score),
	SUM(CASE WHEN help_reached IS NOT NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN help_reached THEN 1 ELSE 0 END),
	COALESCE(SUM(help_quality_score), 0), COUNT(help_quality_score),
	SUM(CASE WHEN no_help THEN 1 ELSE 0 END)
	FROM listening_feedback WHERE answered_at >= $1 AND answered_at < $2
	GROUP BY procedure_slug, span ORDER BY procedure_slug, span`

// SummariesByWindows sums up the answers of each window procedure by
// procedure, as Summaries does for one, but in one pass over the answers
// of all the windows: the observatory's refresh reads six a minute. The
// i-th map is the i-th window's; a procedure without any answer in a
// window is not in its map. ByChannel is left empty.
//
// Each window adds up the sums of its spans: the counts and the overall
// and clarity sums (multiples of 2.5, exact in binary) are those of
// Summaries to the last bit. The help quality of an answer is a mean of
// its helps' (10/3…): added span by span it may differ from Summaries in
// the last binary digits, as Summaries' own does on PostgreSQL when its
// plan reads the rows in another order.
func (s *Service) SummariesByWindows(ctx context.Context, windows []Window) ([]map[string]Summary, error) {
	edges := windowEdges(windows)
	out := make([]map[string]Summary, len(windows))
	for i := range out {
		out[i] = map[string]Summary{}
	}
	if len(edges) < 2 {
		return out, nil // only empty windows
	}
	query, args := spanSumsQuery(edges)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("summarise feedback by procedure over %d windows: %w", len(windows), err)
	}
	defer rows.Close()
	sums := make([]windowSum, len(windows))
	var slug string
	for rows.Next() {
		var span spanSum
		var o, c, q sql.NullFloat64
		err := rows.Scan(&span.slug, &span.index, &span.Answers, &o, &c, &span.Tried, &span.Reached, &q, &span.Rated, &span.NoHelp)
		if err != nil {
			return nil, fmt.Errorf("summarise feedback by procedure over %d windows: %w", len(windows), err)
		}
		span.overall, span.clarity, span.quality = o.Float64, c.Float64, q.Float64
		if span.slug != slug {
			flush(out, sums, slug)
			slug = span.slug
		}
		for i, w := range windows {
			if !edges[span.index].Before(w.From.UTC()) && !edges[span.index+1].After(w.To.UTC()) {
				sums[i].add(span)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summarise feedback by procedure over %d windows: %w", len(windows), err)
	}
	flush(out, sums, slug)
	return out, nil
}

// windowEdges are the instants where a window starts or ends, in order,
// each once; a window with nothing in it adds none.
func windowEdges(windows []Window) []time.Time {
	var edges []time.Time
	for _, w := range windows {
		if w.From.Before(w.To) {
			edges = append(edges, w.From.UTC(), w.To.UTC())
		}
	}
	slices.SortFunc(edges, time.Time.Compare)
	return slices.CompactFunc(edges, time.Time.Equal)
}

// spanSumsQuery writes spanSumsSQL for the edges, and its arguments: the
// first and last edges, then the others. Span i runs from edges[i]
// (included) to edges[i+1] (excluded), as a window does.
func spanSumsQuery(edges []time.Time) (string, []any) {
	args := []any{edges[0], edges[len(edges)-1]}
	var span strings.Builder
	span.WriteString("CASE")
	for i, e := range edges[1 : len(edges)-1] {
		args = append(args, e)
		fmt.Fprintf(&span, " WHEN answered_at < $%d THEN %d", len(args), i)
	}
	fmt.Fprintf(&span, " ELSE %d END", len(edges)-2)
	return fmt.Sprintf(spanSumsSQL, span.String()), args
}

// spanSum is a procedure's sums over one span.
type spanSum struct {
	slug  string
	index int
	windowSum
}

// windowSum adds up spans: the counts of a Summary and the sums of its
// scores, whose means are taken at the end.
type windowSum struct {
	Summary
	overall, clarity, quality float64
}

func (w *windowSum) add(s spanSum) {
	w.Answers, w.Tried, w.Reached = w.Answers+s.Answers, w.Tried+s.Tried, w.Reached+s.Reached
	w.Rated, w.NoHelp = w.Rated+s.Rated, w.NoHelp+s.NoHelp
	w.overall, w.clarity, w.quality = w.overall+s.overall, w.clarity+s.clarity, w.quality+s.quality
}

// flush puts each window's sums of procedure slug in its map, when it has
// answers there, and zeroes them for the next procedure.
func flush(out []map[string]Summary, sums []windowSum, slug string) {
	for i := range sums {
		if sums[i].Answers > 0 {
			sum := sums[i].Summary
			sum.means(sums[i].overall, sums[i].clarity, sums[i].quality)
			out[i][slug] = sum
		}
		sums[i] = windowSum{}
	}
}
