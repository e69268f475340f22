package api

import (
	"net/http"
	"strconv"

	"guichet/internal/csvsafe"
	"guichet/internal/rights"
)

// takeUpRow is one month and aid of the take-up, as published.
type takeUpRow struct {
	Month     string  `json:"month"`
	Procedure string  `json:"procedure"`
	Suggested int     `json:"suggested"`
	Followed  int     `json:"followed"`
	Rate      float64 `json:"rate"`
}

// takeUpLicence is the licence of the take-up open data.
const takeUpLicence = "Licence Ouverte 2.0"

func takeUpRows(list []rights.TakeUp) []takeUpRow {
	out := make([]takeUpRow, 0, len(list))
	for _, t := range list {
		out = append(out, takeUpRow{Month: t.Month, Procedure: t.Slug, Suggested: t.Suggested, Followed: t.Followed,
			Rate: float64(int(t.Rate()*10000+0.5)) / 10000})
	}
	return out
}

// rightsTakeUp answers the take-up of the aid suggested with people's
// consent, per month and aid, as open data.
func (s *Server) rightsTakeUp(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Rights.TakeUps(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Licence string      `json:"licence"`
		Rows    []takeUpRow `json:"take_up"`
	}{takeUpLicence, takeUpRows(list)})
}

// rightsTakeUpCSV is rightsTakeUp as a CSV file.
func (s *Server) rightsTakeUpCSV(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Rights.TakeUps(r.Context())
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="recours-aides-suggerees.csv"`)
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"mois", "demarche", "suggestions", "demandes_commencees", "part_suivie"})
	for _, t := range takeUpRows(list) {
		cw.Write([]string{t.Month, t.Procedure, strconv.Itoa(t.Suggested), strconv.Itoa(t.Followed),
			strconv.FormatFloat(t.Rate, 'f', -1, 64)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.Logger.Error("export take-up", "path", r.URL.Path, "err", err)
	}
	return nil
}
