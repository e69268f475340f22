package web

import (
	"net/http"
	"strconv"
)

// takeUpRow is one line of the take-up table.
type takeUpRow struct {
	Month, Title               string
	Suggested, Followed, Share string
}

// rightsTakeUp is /observatoire/recours-aux-droits: the share of the aid
// suggested with people's consent that led to an application, per month
// and aid, the open data of internal/rights as a table.
func (s *Server) rightsTakeUp(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Rights.TakeUps(r.Context())
	if err != nil {
		return err
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	v := struct {
		Page
		Rows []takeUpRow
	}{Page: s.page(r, "Recours aux aides suggérées")}
	for _, t := range list {
		title := t.Slug
		if p, ok := sn.Procedure(t.Slug); ok {
			title = p.Title
		}
		v.Rows = append(v.Rows, takeUpRow{Month: frenchMonth(t.Month), Title: title,
			Suggested: strconv.Itoa(t.Suggested), Followed: strconv.Itoa(t.Followed), Share: percent(t.Rate())})
	}
	return s.render(w, http.StatusOK, "rights-takeup", v)
}

// frenchMonth writes "2026-11" as "novembre 2026".
func frenchMonth(m string) string {
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"}
	if len(m) != 7 {
		return m
	}
	n, err := strconv.Atoi(m[5:])
	if err != nil || n < 1 || n > 12 {
		return m
	}
	return months[n-1] + " " + m[:4]
}
