package backoffice

import (
	"context"
	"fmt"
	"strconv"

	"guichet/internal/dossiers"
)

// CountLimit is where the queue stops counting the dossiers of a state.
// Counting every dossier of an organisation at each display made the page
// grow with the organisation (76 ms for 16,000 dossiers on SQLite, ten
// times that at a million); a count that stops after CountLimit+1
// dossiers costs the same whatever the size, and says "plus de 1 000",
// which is all an agent needs to know of a pile that high.
const CountLimit = 1000

// countOver is how a count past CountLimit reads.
var countOver = fmt.Sprintf("plus de %d\u00a0%03d", CountLimit/1000, CountLimit%1000)

// Count is a number of dossiers, exact up to CountLimit. Past it, the
// counting stopped: the value is then CountLimit+1 and only says that
// there are more than CountLimit.
type Count int

// Over says that the counting stopped: more than CountLimit dossiers.
func (c Count) Over() bool { return c > CountLimit }

// String is the count as a page shows it: "42" or "plus de 1 000".
func (c Count) String() string {
	if c.Over() {
		return countOver
	}
	return strconv.Itoa(int(c))
}

// plus adds two counts, the sum stopping at CountLimit+1 as each count does.
func (c Count) plus(d Count) Count { return min(c+d, CountLimit+1) }

// queueStates are the states the queue counts: every state but the draft,
// which agents never see.
var queueStates = []dossiers.State{dossiers.InConstruction, dossiers.InInstruction,
	dossiers.Accepted, dossiers.Refused, dossiers.Closed}

// The queue's count of one state ($11), at most $12 dossiers, written
// for the index dossiers_queue_count (org_id, state, assigned_to,
// submitted_at, procedure_slug): the state and the holder are equalities
// on its columns, so that a count reads the index entries of its state
// and holder only, and nothing of the rows unless the filter reads
// corrections or names. It takes the parameters of queueWhere; the
// team is an IN list, read once, where queueWhere's EXISTS looks the team
// up again for each dossier.
const (
	countSelect     = `SELECT COUNT(*) FROM (SELECT 1 FROM dossiers d`
	countJoinPeople = ` JOIN users u ON u.id = d.user_id`
	countWhere      = ` WHERE d.org_id = $1 AND d.state = $11
AND d.procedure_slug IN (SELECT pa.procedure_slug FROM procedure_agents pa WHERE pa.org_id = $1 AND pa.user_id = $2)
AND ($3 = '' OR d.procedure_slug = $3)
AND ($8 = 0 OR EXISTS (SELECT 1 FROM dossier_corrections c WHERE c.dossier_id = d.id AND c.closed_at IS NULL))`
	// Without dates, $6 and $7 are the widest bounds; a range on
	// submitted_at there made SQLite read dossiers_sent instead, and the
	// rows behind it.
	countDates     = ` AND d.submitted_at >= $6 AND d.submitted_at < $7`
	countAnyDate   = ` AND d.submitted_at IS NOT NULL AND $6 < $7`
	countAnyHolder = ` AND $9 = ''`
	countMine      = ` AND $9 = 'moi' AND d.assigned_to = $2`
	countNobodys   = ` AND $9 = 'personne' AND d.assigned_to IS NULL`
	// A late dossier is open and sent before its procedure's late_before;
	// the caller counts no late dossier in a decided state. A subquery,
	// not a join: joined, the delays came first and SQLite read the
	// dossiers through dossiers_sent, from the oldest, rows and all.
	countLate = ` AND $10 = 1
AND d.submitted_at < (SELECT pd.late_before FROM procedure_delays pd WHERE pd.procedure_slug = d.procedure_slug)`
	countOnTime = ` AND $10 = 0`
	// Without a search, $4 is empty and $5 is %%: both are named so that
	// every variant reads the same parameters.
	countSearch   = ` AND ($4 = '' OR d.reference = $4 OR LOWER(u.name) LIKE $5)`
	countNoSearch = ` AND $4 = '' AND $5 <> ''`
	countEnd      = ` LIMIT $12) c`
)

// countSQL is the count of one state under filter f: its variant reads
// the people and the delays only when the filter needs them, and names
// the holder and the dates only when the filter does, so that SQLite
// reads the index that serves it.
func countSQL(f Filter, search bool) string {
	joins, where := "", countWhere
	if f.From.IsZero() && f.To.IsZero() {
		where += countAnyDate
	} else {
		where += countDates
	}
	switch f.Assigned {
	case AssignedToMe:
		where += countMine
	case AssignedToNobody:
		where += countNobodys
	default:
		where += countAnyHolder
	}
	if search {
		joins, where = countJoinPeople, where+countSearch
	} else {
		where += countNoSearch
	}
	if f.Late {
		where += countLate
	} else {
		where += countOnTime
	}
	return countSelect + joins + where + countEnd
}

// counts counts the queue's dossiers in each state under the filter but
// its state, each up to CountLimit+1, and the total of the whole filter. args are queueWhere's parameters.
func (s *Service) counts(ctx context.Context, q *Queue, f Filter, args []any) error {
	query := countSQL(f, args[3] != "")
	for _, st := range queueStates {
		var n Count
		// Late dossiers are open ones: no need to read a decided state.
		if !(f.Late && st.Decided()) {
			if err := s.db.QueryRowContext(ctx, query, append(args, string(st), CountLimit+1)...).Scan(&n); err != nil {
				return fmt.Errorf("queue count of %s: %w", st, err)
			}
		}
		q.Counts[st] = n
		if f.State == "" || st == f.State {
			q.Total = q.Total.plus(n)
		}
	}
	return nil
}
