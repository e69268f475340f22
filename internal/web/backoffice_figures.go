package web

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
)

// FiguresMonths is how many months the figures page shows, this one included.
const FiguresMonths = 12

// figuresView is the model of a procedure's figures page.
type figuresView struct {
	Page
	Procedure catalogue.Summary
	ListURL   string
	EditURL   string
	Months    []figuresRow // newest first
	Total     figuresRow
}

// figuresRow is a month of figures in words.
type figuresRow struct {
	Month                               string
	Received, Processed, InProgress     int
	Median, P90                         string
	Corrected, CorrectionRate           string
	Started, Abandoned, AbandonRate     string
	HasDecisions, HasReceived, HasStart bool
}

// figuresPage shows the owner the figures of a procedure month by month:
// received, processed, in progress, processing times, corrections and
// drafts never sent.
func (s *Server) figuresPage(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	now := s.Now().In(time.Local)
	from := time.Date(now.Year(), now.Month()-FiguresMonths+1, 1, 0, 0, 0, 0, time.Local)
	fg, err := s.Backoffice.Figures(r.Context(), p.Slug, from, now)
	if err != nil {
		return err
	}
	v := &figuresView{Page: s.page(r, "Chiffres de la démarche « "+p.Title+" »"), Procedure: p,
		ListURL: o.listURL(), EditURL: o.editURL(p.Slug), Total: figuresWords(fg.Total, "Sur 12 mois")}
	for i := len(fg.Months) - 1; i >= 0; i-- {
		m := fg.Months[i]
		v.Months = append(v.Months, figuresWords(m, frenchMonths[m.Start.Month()-1]+" "+fmt.Sprint(m.Start.Year())))
	}
	return s.render(w, http.StatusOK, "backoffice-figures", v)
}

func figuresWords(m backoffice.Month, label string) figuresRow {
	return figuresRow{Month: label, Received: m.Received, Processed: m.Processed, InProgress: m.InProgress,
		Median: days(m.Median), P90: days(m.P90), CorrectionRate: percent(m.CorrectionRate()),
		Corrected: fmt.Sprint(m.Corrected), Started: fmt.Sprint(m.Started), Abandoned: fmt.Sprint(m.Abandoned),
		AbandonRate: percent(m.AbandonRate()), HasDecisions: m.Processed > 0, HasReceived: m.Received > 0, HasStart: m.Started > 0}
}

// days is a processing time in whole days, rounded up.
func days(d time.Duration) string {
	if d < 24*time.Hour {
		return "moins d'un jour"
	}
	return plural(int(math.Ceil(d.Hours()/24)), "jour", "jours")
}

// percent writes a share as a whole percentage, "25 %".
func percent(f float64) string { return fmt.Sprintf("%d\u202f%%", int(math.Round(f*100))) }
