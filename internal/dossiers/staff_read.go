package dossiers

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
)

// errNotOfOrg answers a reference that is not a sent dossier of the
// organisation: another's is not found either, as if it did not exist.
var errNotOfOrg = errs.E(errs.NotFound, "Aucun dossier envoyé de votre organisation n'a cette référence. Vérifiez-la (8 lettres et chiffres, par exemple ABCD-2345).")

const dossierIDByReferenceSQL = `SELECT id FROM dossiers WHERE reference = $1 AND org_id = $2 AND state <> 'brouillon'`

// GetByReference returns the sent dossier of reference ref (with or
// without its dash) for an agent or a token of the organisation ag.OrgID:
// another administration's dossier, or a draft, is not found. The read is
// written to the audit log and the person's access log, attributed to the
// agent or the token.
func (s *Service) GetByReference(ctx context.Context, ag Agent, ref string) (*Dossier, error) {
	var id int64
	err := s.db.Querier(ctx).QueryRowContext(ctx, dossierIDByReferenceSQL, ParseReference(ref), ag.OrgID).Scan(&id)
	if database.IsNoRows(err) {
		return nil, errNotOfOrg
	}
	if err != nil {
		return nil, fmt.Errorf("dossier %q: %w", ref, err)
	}
	d, err := s.get(ctx, s.db.Querier(ctx), id)
	if err != nil {
		return nil, err
	}
	if d.OrgID != ag.OrgID || d.State == Draft {
		return nil, errNotOfOrg
	}
	if err := s.staffRead(ctx, ag, d.UserID, "dossier "+d.Reference, "dossier "+d.ShownReference()); err != nil {
		return nil, err
	}
	return d, nil
}

// Cursor is a place in an organisation's list of sent dossiers, ordered by
// (sending time, id): a dossier sent later always comes after it, so
// that pages read one after the other, with dossiers sent in between,
// never repeat nor skip one.
type Cursor struct {
	SubmittedAt time.Time
	ID          int64
}

// String is the cursor as clients pass it back: opaque, URL-safe.
func (c Cursor) String() string {
	if c.ID == 0 {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "1:%d:%d", c.SubmittedAt.UnixMicro(), c.ID))
}

var errBadCursor = errs.E(errs.Invalid, "Le curseur n'est pas valable : reprenez celui que la page précédente a donné dans next_cursor, tel quel.")

// ParseCursor reads a cursor given by Cursor.String; "" is the start.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, errBadCursor
	}
	parts := strings.Split(string(b), ":")
	if len(parts) != 3 || parts[0] != "1" {
		return Cursor{}, errBadCursor
	}
	micro, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return Cursor{}, errBadCursor
	}
	return Cursor{SubmittedAt: time.UnixMicro(micro).UTC(), ID: id}, nil
}

// OrgFilter narrows an organisation's list of sent dossiers.
type OrgFilter struct {
	Procedure string    // a procedure slug, "" for all
	State     State     // "" for every state but drafts
	Since     time.Time // sent at or after; zero for no bound
	After     Cursor    // the place the previous page ended
	Limit     int       // at most MaxOrgPage; OrgPage when 0
}

// The sizes of a page of an organisation's list.
const (
	OrgPage    = 50
	MaxOrgPage = 200
)

// OrgPageResult is one page of an organisation's sent dossiers.
type OrgPageResult struct {
	Dossiers []Summary
	// Next is where the next page starts: after the last dossier of this
	// page, or where this page started when it is empty, so that a client
	// keeps it and later reads only the dossiers sent since.
	Next Cursor
	More bool // another page follows now
}

// orgSummaryColumns are what an organisation's list shows of a dossier:
// no answer, no name.
const orgSummaryColumns = `d.id, d.reference, d.procedure_slug, d.state, d.updated_at, d.submitted_at, d.decided_at,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL)`

func scanOrgSummary(sc interface{ Scan(...any) error }) (Summary, error) {
	var sm Summary
	var submitted, decided sql.NullTime
	if err := sc.Scan(&sm.ID, &sm.Reference, &sm.Procedure, &sm.State, &sm.UpdatedAt, &submitted, &decided,
		&sm.Correction); err != nil {
		return sm, err
	}
	sm.UpdatedAt, sm.SubmittedAt = sm.UpdatedAt.UTC(), submitted.Time.UTC()
	if decided.Valid {
		sm.DecidedAt = decided.Time.UTC()
	}
	return sm, nil
}

const orgSummarySQL = `SELECT ` + orgSummaryColumns + ` FROM dossiers d
WHERE d.reference = $1 AND d.org_id = $2 AND d.state <> 'brouillon'`

// SummaryForOrg returns what the list shows of the sent dossier of
// reference ref of organisation orgID, NotFound for another's or a draft.
// It reads no personal data, so it writes no audit entry: the API finds
// the dossier of a write with it.
func (s *Service) SummaryForOrg(ctx context.Context, orgID int64, ref string) (Summary, error) {
	sm, err := scanOrgSummary(s.db.Querier(ctx).QueryRowContext(ctx, orgSummarySQL, ParseReference(ref), orgID))
	if database.IsNoRows(err) {
		return sm, errNotOfOrg
	}
	if err != nil {
		return sm, fmt.Errorf("dossier %q of organisation %d: %w", ref, orgID, err)
	}
	return sm, nil
}

const orgListSQL = `SELECT ` + orgSummaryColumns + `
FROM dossiers d WHERE d.org_id = $1 AND d.state <> 'brouillon' AND d.submitted_at IS NOT NULL
AND ($2 = '' OR d.procedure_slug = $2) AND ($3 = '' OR d.state = $3)
AND d.submitted_at >= $4
AND (d.submitted_at > $5 OR (d.submitted_at = $5 AND d.id > $6))
ORDER BY d.submitted_at, d.id LIMIT $7`

// ListForOrg returns a page of the sent dossiers of organisation orgID,
// oldest sent first. It reads no personal data (no answers, no name): the
// caller reads a dossier with GetByReference, which is audited.
func (s *Service) ListForOrg(ctx context.Context, orgID int64, f OrgFilter) (*OrgPageResult, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = OrgPage
	}
	limit = min(limit, MaxOrgPage)
	since := f.Since
	if since.IsZero() {
		since = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	after := f.After.SubmittedAt
	if f.After.ID == 0 {
		after = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	rows, err := s.db.QueryContext(ctx, orgListSQL, orgID, f.Procedure, string(f.State), since.UTC(), after.UTC(),
		f.After.ID, limit+1)
	if err != nil {
		return nil, fmt.Errorf("list dossiers of organisation %d: %w", orgID, err)
	}
	defer rows.Close()
	page := &OrgPageResult{Next: f.After}
	for rows.Next() {
		sm, err := scanOrgSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("list dossiers of organisation %d: %w", orgID, err)
		}
		page.Dossiers = append(page.Dossiers, sm)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list dossiers of organisation %d: %w", orgID, err)
	}
	if len(page.Dossiers) > limit {
		page.Dossiers, page.More = page.Dossiers[:limit], true
	}
	if n := len(page.Dossiers); n > 0 {
		last := page.Dossiers[n-1]
		page.Next = Cursor{SubmittedAt: last.SubmittedAt, ID: last.ID}
	}
	return page, nil
}
