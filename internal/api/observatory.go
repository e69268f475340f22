package api

import (
	"net/http"

	"guichet/internal/observatory"
)

// observatoryBoard reads the edition asked (?edition=2026-T4, the current
// one when not given).
func (s *Server) observatoryBoard(r *http.Request) (*observatory.Board, error) {
	ed := s.Observatory.Current()
	if q := r.URL.Query().Get("edition"); q != "" {
		var err error
		if ed, err = observatory.ParseEdition(q); err != nil {
			return nil, err
		}
	}
	return s.Observatory.Board(r.Context(), ed)
}

// observatoryIndicators answers an edition's indicators as open data, for
// every procedure or the one of ?procedure=SLUG.
func (s *Server) observatoryIndicators(w http.ResponseWriter, r *http.Request) error {
	b, err := s.observatoryBoard(r)
	if err != nil {
		return err
	}
	out, err := b.Open(r.URL.Query().Get("procedure"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

// observatoryIndicatorsCSV answers an edition's indicators as a CSV file,
// one row per procedure.
func (s *Server) observatoryIndicatorsCSV(w http.ResponseWriter, r *http.Request) error {
	b, err := s.observatoryBoard(r)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="observatoire-`+b.Edition.String()+`.csv"`)
	if err := b.WriteCSV(w); err != nil {
		s.Logger.Error("export observatory", "path", r.URL.Path, "err", err)
	}
	return nil
}

// observatoryEditions lists the editions published, newest first.
func (s *Server) observatoryEditions(w http.ResponseWriter, r *http.Request) error {
	eds, err := s.Observatory.Editions(r.Context())
	if err != nil {
		return err
	}
	type edition struct {
		Edition    string `json:"edition"`
		Frozen     bool   `json:"frozen"`
		ComputedAt string `json:"computed_at"`
		JSON       string `json:"json"`
		CSV        string `json:"csv"`
	}
	out := struct {
		Licence  string    `json:"licence"`
		Editions []edition `json:"editions"`
	}{Licence: observatory.Licence, Editions: []edition{}}
	for _, e := range eds {
		name := e.Edition.String()
		out.Editions = append(out.Editions, edition{Edition: name, Frozen: e.Frozen,
			ComputedAt: e.ComputedAt.UTC().Format("2006-01-02T15:04:05Z"),
			JSON:       "/api/v1/observatory/indicators?edition=" + name, CSV: "/api/v1/observatory/indicators.csv?edition=" + name})
	}
	return writeJSON(w, http.StatusOK, out)
}
