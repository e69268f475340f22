// Package api serves Guichet's JSON API under /api/v1, described by the
// OpenAPI document at /api/v1/openapi.json. Each module adds its routes in
// routes.go and its part of the document in openapi_<module>.go.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"guichet/internal/auth"
	"guichet/internal/catalogue"
	"guichet/internal/changes"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/notify"
	"guichet/internal/places"
)

// Deps are what the API needs from the rest of the application: the
// module services, built once in internal/app and shared with the pages.
// The API never touches the database itself.
type Deps struct {
	Logger *slog.Logger
	// BaseURL is the public address, for absolute links in answers.
	BaseURL string
	// Catalogue serves the procedures (required).
	Catalogue *catalogue.Service
	// Places serves the help places (required).
	Places *places.Service
	// Notify takes the SMS providers' delivery receipts (required).
	Notify *notify.Service
	// Identity finds the organisations' API tokens (required).
	Identity *identity.Service
	// Listening stores the paper feedback (required).
	Listening *listening.Service
	// Changes takes the acknowledgements of changes declared once (required).
	Changes *changes.Service
}

// Server is the JSON API.
type Server struct {
	Deps
	mux *http.ServeMux
}

// handlerFunc is an API handler; a returned error becomes a JSON error body.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// New builds the API with all its routes. Every module service of Deps is
// required: building a second one here would split what the pages and the
// API see (two catalogue search indexes).
func New(d Deps) (*Server, error) {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Catalogue == nil || d.Places == nil || d.Notify == nil || d.Identity == nil || d.Listening == nil || d.Changes == nil {
		return nil, errors.New("api: the catalogue, places, notify, identity, listening and changes services are required")
	}
	s := &Server{Deps: d, mux: http.NewServeMux()}
	// The API knows its callers by their bearer token only, never by the
	// session cookie (see auth.BearerToken); routes without a rule ignore it.
	load := auth.Load(d.Logger, auth.BearerToken{Identity: d.Identity})
	for pattern, h := range s.routes() {
		s.mux.Handle(pattern, load(s.wrap(h)))
	}
	s.mux.Handle("/api/", s.wrap(func(w http.ResponseWriter, r *http.Request) error {
		return errs.E(errs.NotFound, "Cette adresse de l'API n'existe pas. La liste des adresses est dans /api/v1/openapi.json.")
	}))
	return s, nil
}

// ServeHTTP serves an API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// maxBody is the largest request body the API takes: every route reads
// today, and a future write sends a small JSON document.
const maxBody = 64 << 10

func (s *Server) wrap(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		// A body declared too big is refused before anything reads it; one
		// that lied about its size stops at maxBody when a handler reads it.
		if r.ContentLength > maxBody {
			var body Error
			body.Error.Status = http.StatusRequestEntityTooLarge
			body.Error.Message = "La demande est trop lourde : l'API accepte au plus 64 ko."
			writeJSON(w, http.StatusRequestEntityTooLarge, body)
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// Error is the body of every error answer.
type Error struct {
	Error struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := map[errs.Kind]int{errs.NotFound: 404, errs.Forbidden: 403, errs.Unauthorized: 401,
		errs.Invalid: 400, errs.Conflict: 409, errs.TooMany: 429}[errs.KindOf(err)]
	msg := errs.MessageOf(err)
	if status == 0 {
		status = http.StatusInternalServerError
		msg = "Erreur technique. Réessayez plus tard."
		s.Logger.Error("api request failed", "path", r.URL.Path, "err", err)
	}
	var body Error
	body.Error.Status, body.Error.Message = status, msg
	writeJSON(w, status, body)
}

// writeJSON writes v as indented-free JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
