package api

import (
	"context"
	"io"
	"net/http"
)

// exportPlaces answers with every place in one format of the standard v1,
// as a file to download. The places are written as they are read; a
// failure midway can only be logged, the status being sent already.
func (s *Server) exportPlaces(contentType, filename string, export func(context.Context, io.Writer) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
		if err := export(r.Context(), w); err != nil {
			s.Logger.Error("export places", "path", r.URL.Path, "err", err)
		}
		return nil
	}
}

func (s *Server) exportPlacesCSV() handlerFunc {
	return s.exportPlaces("text/csv; charset=utf-8", "lieux-mediation-numerique.csv", s.Places.ExportCSV)
}

func (s *Server) exportPlacesJSON() handlerFunc {
	return s.exportPlaces("application/json; charset=utf-8", "lieux-mediation-numerique.json", s.Places.ExportJSON)
}
