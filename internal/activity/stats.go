package activity

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Row is one line of a statistics table: a month, a mediator, a
// structure, a territory, a theme… with what it counts.
type Row struct {
	// Key is the month (YYYY-MM), the department, the theme's code, or
	// the mediator's or structure's id in decimal.
	Key        string
	ID         int64
	Reports    int
	Individual int
	Collective int
	// People counts one person per individual report and the participants
	// of collective ones.
	People  int
	Minutes int
}

func (r *Row) add(rep *Report) {
	r.Reports++
	r.Minutes += rep.Minutes
	r.People += rep.Participants
	if rep.Kind == Collective {
		r.Collective++
	} else {
		r.Individual++
	}
}

// Stats are the counts of reports over a range of months.
type Stats struct {
	// From and To are the first and last months, YYYY-MM.
	From, To    string
	Total       Row
	ByMonth     []Row // every month of the range, in order, even empty
	ByMediator  []Row // most reports first
	ByStructure []Row
	ByTerritory []Row
	ByTheme     []Row // in the order of Themes
	ByAutonomy  []Row // in the order of Autonomy
	ByOrient    []Row // orientations given, in the order of Orientations
}

// Filter chooses the reports counted: one structure (OrgID) or all (0),
// the months from From to To (YYYY-MM, both included).
type Filter struct {
	OrgID    int64
	From, To string
}

// LastMonths returns the filter of the n months up to the clock's month.
func (s *Service) LastMonths(orgID int64, n int) Filter {
	now := s.clock().In(paris)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, paris)
	return Filter{OrgID: orgID, From: first.AddDate(0, -(n - 1), 0).Format("2006-01"), To: first.Format("2006-01")}
}

const statsAllSQL = `SELECT id, org_id, mediator_id, kind, held_on, minutes, place_id, department, themes, equipment,
	autonomy, orientation, orientation_detail, title, participants, profiles, created_at
	FROM activity_reports WHERE held_on >= $1 AND held_on <= $2`

const statsOfOrgSQL = statsAllSQL + ` AND org_id = $3`

// Stats counts the reports f chooses.
func (s *Service) Stats(ctx context.Context, f Filter) (*Stats, error) {
	from, err1 := time.ParseInLocation("2006-01", f.From, paris)
	to, err2 := time.ParseInLocation("2006-01", f.To, paris)
	if err1 != nil || err2 != nil || to.Before(from) {
		return nil, fmt.Errorf("activity stats: bad months %q to %q", f.From, f.To)
	}
	query, args := statsAllSQL, []any{f.From + "-01", f.To + "-31"}
	if f.OrgID != 0 {
		query, args = statsOfOrgSQL, append(args, f.OrgID)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("activity stats: %w", err)
	}
	defer rows.Close()
	st := &Stats{From: f.From, To: f.To}
	months := map[string]*Row{}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		st.ByMonth = append(st.ByMonth, Row{Key: m.Format("2006-01")})
	}
	for i := range st.ByMonth {
		months[st.ByMonth[i].Key] = &st.ByMonth[i]
	}
	mediators, orgs, territories := map[int64]*Row{}, map[int64]*Row{}, map[string]*Row{}
	themes, autonomy, orient := map[string]*Row{}, map[string]*Row{}, map[string]*Row{}
	for rows.Next() {
		var r Report
		var th, eq, pr string
		if err := rows.Scan(&r.ID, &r.OrgID, &r.MediatorID, &r.Kind, &r.HeldOn, &r.Minutes, &r.PlaceID, &r.Department,
			&th, &eq, &r.Autonomy, &r.Orientation, &r.OrientationDetail, &r.Title, &r.Participants, &pr,
			&r.CreatedAt); err != nil {
			return nil, fmt.Errorf("read report: %w", err)
		}
		st.Total.add(&r)
		if m := months[r.HeldOn[:7]]; m != nil {
			m.add(&r)
		}
		byID(mediators, r.MediatorID).add(&r)
		byID(orgs, r.OrgID).add(&r)
		byKey(territories, r.Department).add(&r)
		for _, t := range split(th) {
			byKey(themes, t).add(&r)
		}
		if r.Autonomy != "" {
			byKey(autonomy, r.Autonomy).add(&r)
		}
		if r.Orientation != "" {
			byKey(orient, r.Orientation).add(&r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st.ByMediator, st.ByStructure = mostFirst(mediators), mostFirst(orgs)
	for _, r := range territories {
		st.ByTerritory = append(st.ByTerritory, *r)
	}
	sort.Slice(st.ByTerritory, func(i, j int) bool { return st.ByTerritory[i].Key < st.ByTerritory[j].Key })
	st.ByTheme = inOrder(Themes(), themes)
	st.ByAutonomy = inOrder(Autonomy, autonomy)
	st.ByOrient = inOrder(Orientations, orient)
	return st, nil
}

func byID(m map[int64]*Row, id int64) *Row {
	if m[id] == nil {
		m[id] = &Row{Key: strconv.FormatInt(id, 10), ID: id}
	}
	return m[id]
}

func byKey(m map[string]*Row, k string) *Row {
	if m[k] == nil {
		m[k] = &Row{Key: k}
	}
	return m[k]
}

func mostFirst(m map[int64]*Row) []Row {
	out := make([]Row, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Reports != out[j].Reports {
			return out[i].Reports > out[j].Reports
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// inOrder returns the rows of the choices that were counted, in their order.
func inOrder(choices []Choice, m map[string]*Row) []Row {
	var out []Row
	for _, c := range choices {
		if r := m[c.Value]; r != nil {
			out = append(out, *r)
		}
	}
	return out
}
