package backoffice

import (
	"context"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/dossiers"
)

// PageSize is how many dossiers a page of the queue shows; MaxPage caps
// the page number so that an offset never makes the database walk far.
const (
	PageSize = 50
	MaxPage  = 200
)

// Who a dossier is given to, as Filter.Assigned says it.
const (
	AssignedToMe     = "moi"
	AssignedToNobody = "personne"
)

// Filter narrows the queue. Its zero value is every dossier the agent may
// see, oldest first.
type Filter struct {
	Procedure string         // a procedure slug, "" for all
	State     dossiers.State // "" for every state but drafts
	Waiting   bool           // only those waiting for the citizen's correction
	Assigned  string         // AssignedToMe, AssignedToNobody, or "" for all
	Late      bool           // only open dossiers older than their procedure's expected delay
	Search    string         // a reference (with or without its dash) or part of the person's name
	From, To  time.Time      // received on or after From, before To; zero for no bound
	Newest    bool           // newest first instead of oldest first
	Page      int            // from 1
}

// Row is one dossier of the queue.
type Row struct {
	ID           int64
	Reference    string
	Procedure    string
	State        dossiers.State
	Name         string
	SubmittedAt  time.Time
	Waiting      bool  // a correction is asked and not answered
	Version      int64 // what an action on it from this list posts back (see Service.Version)
	AssignedTo   int64 // 0 for nobody
	AssignedName string
	Delay        int  // the procedure's expected delay in days, 0 while unknown
	Late         bool // open and older than Delay
}

// ShownReference is the reference as shown, XXXX-XXXX.
func (r Row) ShownReference() string { return dossiers.FormatReference(r.Reference) }

// Label is the dossier's state in plain words.
func (r Row) Label() string {
	if r.Waiting && r.State == dossiers.InConstruction {
		return "À corriger"
	}
	return r.State.Label()
}

// Queue is one page of an agent's dossiers with the counts per state.
type Queue struct {
	Rows   []Row
	Counts map[dossiers.State]Count // across the filter but its state
	Total  Count                    // rows matching the whole filter
	Page   int
	More   bool
}

// queueCore is the agent's dossiers under a filter but the correction
// and the search: see queueArgs for its parameters. A dossier is late when
// open and sent before its procedure's late_before (procedure_delays,
// kept by refreshDelays). The team is an EXISTS, not a join: the dossiers
// are then read in the order of the index (org_id, submitted_at) and a
// page stops after its rows, where a join from procedure_agents sorted all
// the organisation's dossiers for every page (EXPLAIN: USE TEMP B-TREE FOR
// ORDER BY).
const queueCore = ` WHERE d.org_id = $1` + queueTeam

// queueTeam is queueCore but the organisation.
const queueTeam = ` AND d.state <> 'brouillon'
AND EXISTS (SELECT 1 FROM procedure_agents pa WHERE pa.procedure_slug = d.procedure_slug AND pa.org_id = d.org_id AND pa.user_id = $2)
AND ($3 = '' OR d.procedure_slug = $3)
AND d.submitted_at >= $6 AND d.submitted_at < $7
AND ($9 = '' OR ($9 = 'moi' AND d.assigned_to = $2) OR ($9 = 'personne' AND d.assigned_to IS NULL))
AND ($10 = 0 OR (d.state IN ('en_construction', 'en_instruction') AND d.submitted_at < pd.late_before))`

// waitingAny checks each dossier for an open correction when the filter
// asks for them ($8 = 1).
const waitingAny = `
AND ($8 = 0 OR EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL))`

// queueWhere is the agent's dossiers under a filter but the search.
const queueWhere = queueCore + waitingAny

// queueFrom is queueWhere with the search by reference or name.
const queueFrom = ` FROM dossiers d JOIN users u ON u.id = d.user_id
LEFT JOIN users a ON a.id = d.assigned_to
LEFT JOIN procedure_delays pd ON pd.procedure_slug = d.procedure_slug` + queueWhere + `
AND ($4 = '' OR d.reference = $4 OR LOWER(u.name) LIKE $5)`

// The page of the queue is read in two steps: the ids of its rows, from
// the dossiers alone, then those rows with their people and holders. When
// PostgreSQL sorts instead of walking dossiers_sent in order (it takes
// "mine and late" for 29 dossiers where the demo agent has 2,293: it
// cannot know that the team's procedures are all of the organisation's),
// it then sorts the entries of dossiers_queue_count, which hold the id,
// without reading a row nor a person: 2.5 ms instead of 26 for those
// 2,293 (100,000 dossiers), and the joins are done for the page's rows
// only. The ids are read as source says (see source).
func queuePageIDs(dialect database.Dialect, from source) string {
	return `SELECT d.id FROM dossiers d
LEFT JOIN procedure_delays pd ON pd.procedure_slug = d.procedure_slug` + from.where(dialect) + `
AND ($11 = '' OR d.state = $11)`
}

const queueRowsFrom = `SELECT d.id, d.reference, d.procedure_slug, d.state, u.name, d.submitted_at,
EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL),
d.updated_at, COALESCE(d.assigned_to, 0), COALESCE(a.name, ''), COALESCE(pd.days, 0),
CASE WHEN d.state IN ('en_construction', 'en_instruction') AND d.submitted_at < pd.late_before THEN 1 ELSE 0 END
FROM dossiers d JOIN users u ON u.id = d.user_id
LEFT JOIN users a ON a.id = d.assigned_to
LEFT JOIN procedure_delays pd ON pd.procedure_slug = d.procedure_slug`

// queueRowsSQL reads limit ($12) rows of the queue from offset ($13), in
// the filter's order.
func queueRowsSQL(dialect database.Dialect, from source, newest bool) string {
	order := ` ORDER BY d.submitted_at, d.id`
	if newest {
		order = ` ORDER BY d.submitted_at DESC, d.id DESC`
	}
	return queueRowsFrom + ` JOIN (` + queuePageIDs(dialect, from) + order + ` LIMIT $12 OFFSET $13) p ON p.id = d.id` + order
}

// Queue returns the dossiers of organisation orgID that agent userID may
// see (those of the procedures whose team they are on), oldest first.
func (s *Service) Queue(ctx context.Context, orgID, userID int64, f Filter) (*Queue, error) {
	f.Page = min(max(f.Page, 1), MaxPage)
	if err := s.refreshDelays(ctx, orgID, userID); err != nil {
		return nil, err
	}
	args := queueArgs(orgID, userID, f)
	from, err := s.source(ctx, f, args)
	if err != nil {
		return nil, err
	}
	q := &Queue{Counts: map[dossiers.State]Count{}, Page: f.Page}
	if from == byQueue {
		err = s.counts(ctx, q, f, args)
	} else {
		err = s.countsFrom(ctx, q, f, args, from)
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.rows(ctx, args, f, from, PageSize+1, (f.Page-1)*PageSize)
	if err != nil {
		return nil, fmt.Errorf("queue of agent %d: %w", userID, err)
	}
	q.Rows = rows
	if len(q.Rows) > PageSize {
		q.Rows, q.More = q.Rows[:PageSize], true
	}
	return q, nil
}

// rows reads limit rows of the queue from offset, in the filter's order.
func (s *Service) rows(ctx context.Context, args []any, f Filter, from source, limit, offset int) ([]Row, error) {
	query := queueRowsSQL(s.db.Dialect, from, f.Newest)
	rows, err := s.db.QueryContext(ctx, query, append(args, string(f.State), limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Row
	for rows.Next() {
		var r Row
		var updated time.Time
		if err := rows.Scan(&r.ID, &r.Reference, &r.Procedure, &r.State, &r.Name, &r.SubmittedAt, &r.Waiting,
			&updated, &r.AssignedTo, &r.AssignedName, &r.Delay, &r.Late); err != nil {
			return nil, err
		}
		r.SubmittedAt, r.Version = r.SubmittedAt.UTC(), updated.UTC().UnixMicro()
		out = append(out, r)
	}
	return out, rows.Err()
}

// queueArgs are the ten parameters of queueFrom: $1 the organisation, $2
// the agent, $3 the procedure, $4 the reference searched, $5 the pattern
// of the name searched, $6 and $7 the dates, $8 the correction, $9 the
// holder, $10 the late ones.
func queueArgs(orgID, userID int64, f Filter) []any {
	search := strings.TrimSpace(f.Search)
	ref := strings.ToUpper(strings.ReplaceAll(search, "-", ""))
	like := "%" + strings.ToLower(search) + "%"
	if search == "" {
		ref = ""
	}
	from, to := f.From, f.To
	if from.IsZero() {
		from = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() {
		to = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	assigned := f.Assigned
	if assigned != AssignedToMe && assigned != AssignedToNobody {
		assigned = ""
	}
	return []any{orgID, userID, f.Procedure, ref, like, from.UTC(), to.UTC(), flag(f.Waiting), assigned, flag(f.Late)}
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
