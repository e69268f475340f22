package api

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
)

// Page sizes of GET /api/v1/procedures.
const (
	defaultProcedureLimit = 20
	maxProcedureLimit     = 100
)

// procedureResult is one procedure of a list or search answer.
type procedureResult struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
	// Score is the relevance to the query, higher first; null when the list has no query.
	Score *float64 `json:"score"`
}

// procedureSearch is the answer of GET /api/v1/procedures.
type procedureSearch struct {
	Results []procedureResult `json:"results"`
	Total   int               `json:"total"`
}

// catalogueSnapshot returns the public catalogue, or an internal error when the API was built
// without one.
func (s *Server) catalogueSnapshot(r *http.Request) (*catalogue.Snapshot, error) {
	if s.Catalogue == nil {
		return nil, errs.E(errs.Internal, "catalogue unavailable")
	}
	return s.Catalogue.Snapshot(r.Context())
}

// searchProcedures answers GET /api/v1/procedures: with q, the procedures matching it, most
// relevant first; without q, every published procedure, most requested first.
func (s *Server) searchProcedures(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	query := r.URL.Query()
	q := strings.TrimSpace(query.Get("q"))
	limit, offset, err := readPage(query.Get("limit"), query.Get("offset"), q == "")
	if err != nil {
		return err
	}
	answer := procedureSearch{Results: []procedureResult{}}
	if q == "" {
		all := sn.Procedures()
		answer.Total = len(all)
		end := len(all)
		if limit > 0 {
			end = min(end, offset+limit)
		}
		for _, p := range all[min(offset, len(all)):end] {
			answer.Results = append(answer.Results, s.procedureResult(p, nil))
		}
		return writeJSON(w, http.StatusOK, answer)
	}
	res := sn.Search(q, offset, limit)
	answer.Total = res.Total
	for _, h := range res.Hits {
		score := math.Round(h.Score*1000) / 1000
		answer.Results = append(answer.Results, s.procedureResult(h.PublishedProcedure, &score))
	}
	return writeJSON(w, http.StatusOK, answer)
}

func (s *Server) procedureResult(p *catalogue.PublishedProcedure, score *float64) procedureResult {
	return procedureResult{Slug: p.Slug, Title: p.Title, Summary: p.Summary,
		URL: catalogue.ProcedureURL(s.BaseURL, p.Slug), Score: score}
}

// readPage reads limit and offset. Without a limit, a list without query gives everything and
// a search its first defaultProcedureLimit results.
func readPage(rawLimit, rawOffset string, all bool) (limit, offset int, err error) {
	limit = defaultProcedureLimit
	if all {
		limit = 0
	}
	if rawLimit != "" {
		limit, err = strconv.Atoi(rawLimit)
		if err != nil || limit < 1 || limit > maxProcedureLimit {
			return 0, 0, errs.E(errs.Invalid, "Le paramètre limit doit être un nombre entier de 1 à 100.")
		}
	}
	if rawOffset != "" {
		offset, err = strconv.Atoi(rawOffset)
		if err != nil || offset < 0 {
			return 0, 0, errs.E(errs.Invalid, "Le paramètre offset doit être un nombre entier positif ou nul.")
		}
	}
	return limit, offset, nil
}

// getProcedure answers GET /api/v1/procedures/{slug} with the whole published procedure.
func (s *Server) getProcedure(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return errs.E(errs.NotFound, "Aucune démarche publiée n'a cette adresse.")
	}
	return writeJSON(w, http.StatusOK, catalogue.ExportedProcedure{Procedure: p.Procedure,
		AdministrationName: p.Org.Name, URL: catalogue.ProcedureURL(s.BaseURL, p.Slug),
		Revision: p.Revision, PublishedAt: p.PublishedAt})
}

// lifeEventStep is a procedure of a life event.
type lifeEventStep struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// lifeEventResult is a life event with its procedures in order.
type lifeEventResult struct {
	Slug       string          `json:"slug"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	URL        string          `json:"url"`
	Procedures []lifeEventStep `json:"procedures"`
}

// lifeEvents answers GET /api/v1/life-events.
func (s *Server) lifeEvents(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	base := strings.TrimRight(s.BaseURL, "/")
	answer := struct {
		LifeEvents []lifeEventResult `json:"life_events"`
	}{LifeEvents: []lifeEventResult{}}
	for _, e := range sn.LifeEvents() {
		le := lifeEventResult{Slug: e.Slug, Title: e.Title, Summary: e.Summary, URL: base + "/evenements/" + e.Slug}
		_, procs, _ := sn.LifeEvent(e.Slug)
		for _, p := range procs {
			le.Procedures = append(le.Procedures, lifeEventStep{p.Slug, p.Title, catalogue.ProcedureURL(s.BaseURL, p.Slug)})
		}
		answer.LifeEvents = append(answer.LifeEvents, le)
	}
	return writeJSON(w, http.StatusOK, answer)
}

// exportProceduresCSV answers GET /api/v1/procedures.csv: the whole public catalogue.
func (s *Server) exportProceduresCSV(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="guichet-demarches.csv"`)
	return sn.WriteCSV(w, s.BaseURL)
}

// exportProceduresJSON answers GET /api/v1/procedures.json: the whole public catalogue with
// its life events.
func (s *Server) exportProceduresJSON(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="guichet-demarches.json"`)
	return writeJSON(w, http.StatusOK, sn.Export(s.BaseURL))
}
