package catalogue

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/readability"
)

// Revision is one saved version of a procedure.
type Revision struct {
	Number     int
	Procedure  Procedure
	AuthorName string // AuthorName is "" for the system, or when the account was deleted.
	CreatedAt  time.Time
	// SummaryScore and FALCScore are the Kandel & Moles readability of the summary and of the
	// easy-to-read text.
	SummaryScore float64
	FALCScore    float64
}

// Edited is a procedure as its owners see it: its newest revision and what the public sees.
type Edited struct {
	Org    Organisation
	Latest Revision
	// PublishedRevision is the number of the revision the public sees, 0 when none.
	PublishedRevision int
	PublishedAt       time.Time
}

// Status tells whether the public sees the procedure, and which revision.
func (e *Edited) Status() Status {
	return statusOf(e.Latest.Number, e.PublishedRevision)
}

// statusOf derives the status from the newest and the published revision numbers.
func statusOf(latest, published int) Status {
	switch published {
	case 0:
		return Draft
	case latest:
		return Published
	}
	return Changed
}

const insertRevisionSQL = `INSERT INTO procedure_revisions
	(procedure_id, number, title, content, summary_score, falc_score, author_id, created_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

// insertRevision stores p as revision number of the procedure id.
func insertRevision(ctx context.Context, q database.Querier, id int64, number int, p *Procedure, ed Editor, now time.Time) error {
	content, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode procedure %s: %w", p.Slug, err)
	}
	_, err = q.ExecContext(ctx, insertRevisionSQL, id, number, p.Title, string(content),
		readability.Score(p.Summary), readability.Score(p.FALC), ed.authorArg(), now)
	if err != nil {
		return fmt.Errorf("insert revision %d of %s: %w", number, p.Slug, err)
	}
	return nil
}

const selectRevisionSQL = `SELECT r.number, r.content, COALESCE(u.name, ''), r.created_at, r.summary_score, r.falc_score
	FROM procedure_revisions r LEFT JOIN users u ON u.id = r.author_id
	WHERE r.procedure_id = $1 AND r.number = $2`

// readRevision reads revision number of the procedure id, or errs.NotFound.
func readRevision(ctx context.Context, q database.Querier, id int64, number int) (*Revision, error) {
	var r Revision
	var content string
	err := q.QueryRowContext(ctx, selectRevisionSQL, id, number).
		Scan(&r.Number, &content, &r.AuthorName, &r.CreatedAt, &r.SummaryScore, &r.FALCScore)
	if database.IsNoRows(err) {
		return nil, errs.Wrap(errs.NotFound, "Cette version de la démarche n'existe pas.", err)
	}
	if err != nil {
		return nil, fmt.Errorf("read revision %d of procedure %d: %w", number, id, err)
	}
	if err := json.Unmarshal([]byte(content), &r.Procedure); err != nil {
		return nil, fmt.Errorf("decode revision %d of procedure %d: %w", number, id, err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

// RevisionInfo is a line of a procedure's history.
type RevisionInfo struct {
	Number       int
	Title        string
	AuthorName   string
	CreatedAt    time.Time
	SummaryScore float64
	FALCScore    float64
	Published    bool // Published is true for the revision the public sees.
}

const selectRevisionsSQL = `SELECT r.number, r.title, COALESCE(u.name, ''), r.created_at, r.summary_score, r.falc_score
	FROM procedure_revisions r LEFT JOIN users u ON u.id = r.author_id
	WHERE r.procedure_id = $1 ORDER BY r.number DESC`

// Revisions returns the history of a procedure of ed's organisation, newest first. It returns
// errs.NotFound for an unknown slug or another organisation's unpublished procedure, and
// errs.Forbidden for another organisation's published procedure.
func (s *Service) Revisions(ctx context.Context, ed Editor, slug string) ([]RevisionInfo, error) {
	h, err := ownedHead(ctx, s.db, ed, slug)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, selectRevisionsSQL, h.id)
	if err != nil {
		return nil, fmt.Errorf("list revisions of %s: %w", slug, err)
	}
	defer rows.Close()
	var out []RevisionInfo
	for rows.Next() {
		var r RevisionInfo
		if err := rows.Scan(&r.Number, &r.Title, &r.AuthorName, &r.CreatedAt, &r.SummaryScore, &r.FALCScore); err != nil {
			return nil, fmt.Errorf("list revisions of %s: %w", slug, err)
		}
		r.CreatedAt = r.CreatedAt.UTC()
		r.Published = r.Number == h.published
		out = append(out, r)
	}
	return out, rows.Err()
}

// Revision returns one revision of a procedure of ed's organisation, for a preview or the
// history. Errors are those of Revisions, and errs.NotFound for an unknown number.
func (s *Service) Revision(ctx context.Context, ed Editor, slug string, number int) (*Revision, error) {
	h, err := ownedHead(ctx, s.db, ed, slug)
	if err != nil {
		return nil, err
	}
	return readRevision(ctx, s.db, h.id, number)
}

// head is the row of the procedures table.
type head struct {
	id          int64
	org         Organisation
	latest      int
	published   int
	publishedAt time.Time
}

const selectHeadSQL = `SELECT p.id, p.org_id, o.slug, o.name, p.latest_revision, p.published_revision, p.published_at
	FROM procedures p JOIN organisations o ON o.id = p.org_id WHERE p.slug = $1`

// msgUnknownProcedure answers for a procedure that does not exist, or that the person may
// not know of.
const msgUnknownProcedure = "Cette démarche n'existe pas."

// readHead reads the procedure with that slug, or errs.NotFound.
func readHead(ctx context.Context, q database.Querier, slug string) (*head, error) {
	var h head
	var published sql.NullInt64
	var publishedAt sql.NullTime
	err := q.QueryRowContext(ctx, selectHeadSQL, slug).
		Scan(&h.id, &h.org.ID, &h.org.Slug, &h.org.Name, &h.latest, &published, &publishedAt)
	if database.IsNoRows(err) {
		return nil, errs.Wrap(errs.NotFound, msgUnknownProcedure, err)
	}
	if err != nil {
		return nil, fmt.Errorf("read procedure %s: %w", slug, err)
	}
	h.published = int(published.Int64)
	if publishedAt.Valid {
		h.publishedAt = publishedAt.Time.UTC()
	}
	return &h, nil
}

// ownedHead reads the procedure and checks that it belongs to ed's organisation. Another
// organisation's procedure that the public does not see (a draft, or one withdrawn) is
// errs.NotFound with the words of an unknown slug, so that nobody learns it exists;
// a published one is errs.Forbidden, its page being public anyway.
func ownedHead(ctx context.Context, q database.Querier, ed Editor, slug string) (*head, error) {
	h, err := readHead(ctx, q, slug)
	if err != nil {
		return nil, err
	}
	if h.org.ID != ed.OrgID && h.published == 0 {
		return nil, errs.E(errs.NotFound, msgUnknownProcedure)
	}
	if h.org.ID != ed.OrgID {
		return nil, errs.E(errs.Forbidden, "Cette démarche appartient à une autre organisation : vous ne pouvez pas la modifier.")
	}
	return h, nil
}
