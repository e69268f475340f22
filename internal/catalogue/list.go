package catalogue

import (
	"context"
	"fmt"
	"time"
)

// Summary is a line of an organisation's list of procedures, for its owners.
type Summary struct {
	Slug, Title       string
	Latest            int // Latest is the number of the newest revision.
	PublishedRevision int // PublishedRevision is 0 when the public sees nothing.
	SummaryScore      float64
	FALCScore         float64
	UpdatedAt         time.Time
}

// Status tells whether the public sees the procedure, and which revision.
func (s Summary) Status() Status { return statusOf(s.Latest, s.PublishedRevision) }

// WorstScore is the lower of the two readability scores: the text to rewrite first.
func (s Summary) WorstScore() float64 { return min(s.SummaryScore, s.FALCScore) }

// The list is sorted in SQL, worst text first, so that a long list still shows the texts to
// rewrite at the top.
const selectOrgProceduresSQL = `SELECT p.slug, r.title, p.latest_revision, COALESCE(p.published_revision, 0),
	r.summary_score, r.falc_score, p.updated_at
	FROM procedures p JOIN procedure_revisions r ON r.procedure_id = p.id AND r.number = p.latest_revision
	WHERE p.org_id = $1
	ORDER BY CASE WHEN r.summary_score < r.falc_score THEN r.summary_score ELSE r.falc_score END, p.slug`

// OrgProcedures lists the procedures of an organisation as their owners see them (newest
// revision, drafts included), the hardest to read first.
func (s *Service) OrgProcedures(ctx context.Context, orgID int64) ([]Summary, error) {
	rows, err := s.db.QueryContext(ctx, selectOrgProceduresSQL, orgID)
	if err != nil {
		return nil, fmt.Errorf("list procedures of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var p Summary
		if err := rows.Scan(&p.Slug, &p.Title, &p.Latest, &p.PublishedRevision, &p.SummaryScore, &p.FALCScore, &p.UpdatedAt); err != nil {
			return nil, fmt.Errorf("list procedures of organisation %d: %w", orgID, err)
		}
		p.UpdatedAt = p.UpdatedAt.UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}
