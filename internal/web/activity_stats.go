package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guichet/internal/activity"
	"guichet/internal/identity"
)

// statRow is a line of a statistics table, with its words and its bar.
type statRow struct {
	activity.Row
	Label string
	Hours string
}

// barChart is a horizontal bar chart drawn in SVG, with its words for
// screen readers; the table beside it holds every figure.
type barChart struct {
	ID, Title, Desc string
	Height          int
	Bars            []bar
}

// bar is one bar: its label, value, and where it is drawn.
type bar struct {
	Label    string
	Value    int
	Width, Y int
	TextY    int
}

// chartBarMax is the longest bar; each bar has its label on a line above it,
// so that long labels never run into the bars.
const chartBarMax = 520

func chart(id, title, unit string, rows []statRow) barChart {
	c := barChart{ID: id, Title: title, Height: len(rows)*44 + 4}
	max, best := 0, -1
	for i, r := range rows {
		if r.Reports > max {
			max, best = r.Reports, i
		}
	}
	for i, r := range rows {
		w := 0
		if max > 0 {
			w = r.Reports * chartBarMax / max
		}
		c.Bars = append(c.Bars, bar{Label: r.Label, Value: r.Reports, Width: w, Y: 22 + i*44, TextY: 16 + i*44})
	}
	if best >= 0 {
		c.Desc = "Le plus de " + unit + " : " + rows[best].Label + ", " + plural(rows[best].Reports, "compte rendu", "comptes rendus") +
			". Les chiffres sont dans le tableau qui suit."
	} else {
		c.Desc = "Aucun compte rendu sur la période."
	}
	return c
}

func hours(minutes int) string {
	if minutes%60 == 0 {
		return strconv.Itoa(minutes/60) + " h"
	}
	return strconv.Itoa(minutes/60) + " h " + strconv.Itoa(minutes%60)
}

func rowsOf(list []activity.Row, label func(activity.Row) string) []statRow {
	out := make([]statRow, 0, len(list))
	for _, r := range list {
		out = append(out, statRow{Row: r, Label: label(r), Hours: hours(r.Minutes)})
	}
	return out
}

func monthLabel(key string) string {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return capitalize(frenchMonths[t.Month()-1]) + " " + strconv.Itoa(t.Year())
}

// statsView is the model of the statistics pages.
type statsView struct {
	Page
	Org        *identity.Organisation
	Months     int
	Periods    []int
	All        bool
	CSVURL     string
	Total      statRow
	ByMonth    []statRow
	MonthChart barChart
	ByMediator []statRow
	ByOrg      []statRow
	ByTerr     []statRow
	ByTheme    []statRow
	ThemeChart barChart
	ByAuto     []statRow
	ByOrient   []statRow
	// Helped says, on the observatory's page, how many dossiers sent over
	// the period a mediator acted on.
	Helped string
}

// statsMonths reads the period asked for: 3, 6 or 12 months.
func statsMonths(r *http.Request) int {
	switch r.URL.Query().Get("mois") {
	case "3":
		return 3
	case "6":
		return 6
	}
	return 12
}

func (s *Server) names(ctx context.Context) (func(int64) string, func(int64) string) {
	users, orgs := map[int64]string{}, map[int64]string{}
	mediator := func(id int64) string {
		if n, ok := users[id]; ok {
			return n
		}
		n := "Compte n° " + strconv.FormatInt(id, 10)
		if u, err := s.Identity.UserByID(ctx, id); err == nil && u.Name != "" {
			n = u.Name
		}
		users[id] = n
		return n
	}
	structure := func(id int64) string {
		if n, ok := orgs[id]; ok {
			return n
		}
		n := "Structure n° " + strconv.FormatInt(id, 10)
		if o, err := s.Identity.OrganisationByID(ctx, id); err == nil {
			n = o.Name
		}
		orgs[id] = n
		return n
	}
	return mediator, structure
}

func (s *Server) statsView(r *http.Request, org *identity.Organisation, all bool) (*statsView, *activity.Stats, error) {
	months := statsMonths(r)
	orgID := org.ID
	if all {
		orgID = 0
	}
	st, err := s.Activity.Stats(r.Context(), s.Activity.LastMonths(orgID, months))
	if err != nil {
		return nil, nil, err
	}
	title := "L'activité " + orgWords(org.Name).Of
	if all {
		title = "L'activité de la médiation dans toutes les structures"
	}
	mediator, structure := s.names(r.Context())
	v := &statsView{Page: s.page(r, title+" ("+strconv.Itoa(months)+" mois)"), Org: org, Months: months,
		Periods: []int{3, 6, 12}, All: all}
	v.Total = statRow{Row: st.Total, Label: "Total", Hours: hours(st.Total.Minutes)}
	v.ByMonth = rowsOf(st.ByMonth, func(r activity.Row) string { return monthLabel(r.Key) })
	v.MonthChart = chart("mois", "Comptes rendus par mois", "comptes rendus", v.ByMonth)
	v.ByMediator = rowsOf(st.ByMediator, func(r activity.Row) string { return mediator(r.ID) })
	v.ByOrg = rowsOf(st.ByStructure, func(r activity.Row) string { return structure(r.ID) })
	v.ByTerr = rowsOf(st.ByTerritory, func(r activity.Row) string { return activity.TerritoryLabel(r.Key) })
	v.ByTheme = rowsOf(st.ByTheme, func(r activity.Row) string { return activity.ThemeLabel(r.Key) })
	v.ThemeChart = chart("themes", "Comptes rendus par thème", "comptes rendus", v.ByTheme)
	v.ByAuto = rowsOf(st.ByAutonomy, func(r activity.Row) string { return activity.AutonomyLabel(r.Key) })
	v.ByOrient = rowsOf(st.ByOrient, func(r activity.Row) string { return activity.OrientationLabel(r.Key) })
	return v, st, nil
}

func (s *Server) activityStats(w http.ResponseWriter, r *http.Request) error {
	org, err := s.structureOf(r)
	if err != nil {
		return err
	}
	v, _, err := s.statsView(r, org, false)
	if err != nil {
		return err
	}
	v.CSVURL = "/espace/" + org.Slug + "/activite/statistiques.csv?mois=" + strconv.Itoa(v.Months)
	return s.render(w, http.StatusOK, "activity-stats", v)
}

// activityAll is the observatory's view of every structure's activity.
func (s *Server) activityAll(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	v, _, err := s.statsView(r, org, true)
	if err != nil {
		return err
	}
	v.CSVURL = "/espace/" + org.Slug + "/activite/toutes-structures.csv?mois=" + strconv.Itoa(v.Months)
	from, _ := time.ParseInLocation("2006-01", s.Activity.LastMonths(0, v.Months).From, paris)
	sent, helped, err := s.Dossiers.HelpedCount(r.Context(), from, s.Activity.Now())
	if err != nil {
		return err
	}
	v.Helped = helpedSentence(helped, sent)
	return s.render(w, http.StatusOK, "activity-stats", v)
}

func (s *Server) activityCSV(all bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		var org *identity.Organisation
		var err error
		if all {
			org, err = s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
		} else {
			org, err = s.structureOf(r)
		}
		if err != nil {
			return err
		}
		_, st, err := s.statsView(r, org, all)
		if err != nil {
			return err
		}
		mediator, structure := s.names(r.Context())
		name := "activite-" + org.Slug
		if all {
			name = "activite-toutes-structures"
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"-"+strings.ReplaceAll(st.From+"-"+st.To, "/", "")+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		return activity.WriteCSV(w, st, activity.Names{Mediator: mediator, Structure: structure})
	}
}

// statTableView is what the stat-table template draws.
type statTableView struct {
	Caption, Head string
	Rows          []statRow
}

func statTable(caption, head string, rows []statRow) statTableView {
	return statTableView{Caption: caption, Head: head, Rows: rows}
}

// helpedSentence says the share of dossiers helped by a mediator in words.
func helpedSentence(helped, sent int) string {
	if sent == 0 {
		return "Aucun dossier n'a été envoyé sur la période."
	}
	return plural(sent, "dossier envoyé", "dossiers envoyés") + " sur la période, dont " + strconv.Itoa(helped) +
		" avec l'aide d'un médiateur (" + strconv.Itoa((helped*100+sent/2)/sent) + " %)."
}
