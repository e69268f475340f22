package backoffice

import (
	"context"
	"encoding/json"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/dossiers"
)

// source is where a page of the queue and its counts find their dossiers.
// Walking the organisation's dossiers in order and checking each stops
// after a page when most of them match, but reads the whole organisation
// when few do: the dossiers waiting for a correction, or those of a
// person searched by name (p95 58 and 290 ms at 100,000 dossiers on
// SQLite, BenchmarkVolumePages). Those filters read their few candidates
// first instead.
type source int

const (
	// byQueue walks the organisation's dossiers in the queue's order.
	byQueue source = iota
	// byCorrections reads the open corrections (index
	// dossier_corrections_open), then their dossiers.
	byCorrections
	// byPeople reads the dossiers of the people whose name matches, whose
	// ids queueArgs' $5 then holds (see Service.source).
	byPeople
)

// namedPeople is how many people a name search reads the dossiers of.
// Past it (a name as common as "a"), the search walks the queue instead,
// where a page stops soon since most dossiers match; under it, reading
// their dossiers costs less than walking the organisation's to find them.
const namedPeople = 1000

// openCorrections asks for the dossiers among those with an open
// correction, a short list that dossier_corrections_open holds whole.
const openCorrections = `
AND $8 = 1 AND d.id IN (SELECT c.dossier_id FROM dossier_corrections c WHERE c.closed_at IS NULL)`

// The search by reference or name, checked on each dossier: the name is
// its person's, lower-cased by the database as the search's pattern $5 is.
const searchAny = `
AND ($4 = '' OR d.reference = $4 OR EXISTS (SELECT 1 FROM users s WHERE s.id = d.user_id AND LOWER(s.name) LIKE $5))`

// The search by reference or by the people whose name matches, $5 being
// the JSON list of their ids: an OR of two indexed lists (the reference's
// and dossiers_user). PostgreSQL makes the list an array, which its index
// scan takes whole where an IN (SELECT …) under an OR is checked row by row.
const (
	searchPeopleSQLite = `
AND (d.reference = $4 OR d.user_id IN (SELECT value FROM json_each($5)))`
	searchPeoplePostgres = `
AND (d.reference = $4 OR d.user_id = ANY (ARRAY(SELECT jsonb_array_elements_text($5::jsonb)::bigint)))`
)

// where is queueCore with the correction and the search written for the
// source, so that the database reads the source's list first. On SQLite,
// reading a list, the organisation is written +d.org_id, which no index
// serves: SQLite otherwise walked dossiers_sent for the people's dossiers
// in the order of the page, checking each against the list (EXPLAIN QUERY
// PLAN: CREATE BLOOM FILTER), the whole organisation when they had few.
// PostgreSQL keeps d.org_id: given +d.org_id, it took the organisation
// for 18 dossiers of 15,000 and checked each for an open correction,
// 30,000 index reads, where given d.org_id it reads the organisation's
// entries of dossiers_queue_count against a hash of the open corrections
// (EXPLAIN ANALYZE, 100,000 dossiers: 10 ms instead of 29 for the page).
func (from source) where(dialect database.Dialect) string {
	w := queueCore
	if from != byQueue && dialect == database.SQLite {
		w = ` WHERE +d.org_id = $1` + queueTeam
	}
	if from == byCorrections {
		w += openCorrections
	} else {
		w += waitingAny
	}
	switch {
	case from != byPeople:
		w += searchAny
	case dialect == database.Postgres:
		w += searchPeoplePostgres
	default:
		w += searchPeopleSQLite
	}
	return w
}

const peopleNamedSQL = `SELECT id FROM users WHERE LOWER(name) LIKE $1 LIMIT $2`

// source chooses where the queue under f finds its dossiers. For a search
// matching at most namedPeople people, it replaces the name's pattern in
// args ($5) with the list of their ids.
func (s *Service) source(ctx context.Context, f Filter, args []any) (source, error) {
	if args[3] != "" {
		people, err := s.peopleNamed(ctx, args[4].(string))
		if err != nil {
			return byQueue, err
		}
		if len(people) <= namedPeople {
			list, err := json.Marshal(people)
			if err != nil {
				return byQueue, err
			}
			args[4] = string(list)
			return byPeople, nil
		}
	}
	if f.Waiting {
		return byCorrections, nil
	}
	return byQueue, nil
}

// peopleNamed returns the ids of the people whose lower-cased name is like
// pattern, at most namedPeople+1.
func (s *Service) peopleNamed(ctx context.Context, pattern string) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, peopleNamedSQL, pattern, namedPeople+1)
	if err != nil {
		return nil, fmt.Errorf("people named %q: %w", pattern, err)
	}
	defer rows.Close()
	people := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		people = append(people, id)
	}
	return people, rows.Err()
}

// countsFrom counts the queue's dossiers per state as counts does, from a
// short list of candidates: one reading of them for every state, each
// count then stopped at CountLimit+1 as counts stops it.
func (s *Service) countsFrom(ctx context.Context, q *Queue, f Filter, args []any, from source) error {
	query := `SELECT d.state, COUNT(*) FROM dossiers d
LEFT JOIN procedure_delays pd ON pd.procedure_slug = d.procedure_slug` + from.where(s.db.Dialect) + `
GROUP BY d.state`
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("queue counts: %w", err)
	}
	defer rows.Close()
	counted := map[dossiers.State]Count{}
	for rows.Next() {
		var st dossiers.State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return err
		}
		counted[st] = Count(min(n, CountLimit+1))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("queue counts: %w", err)
	}
	for _, st := range queueStates {
		n := counted[st]
		q.Counts[st] = n
		if f.State == "" || st == f.State {
			q.Total = q.Total.plus(n)
		}
	}
	return nil
}
