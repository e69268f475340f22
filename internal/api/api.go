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
	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
	"guichet/internal/changes"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/notify"
	"guichet/internal/observatory"
	"guichet/internal/places"
	"guichet/internal/rights"
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
	// Dossiers reads and changes the dossiers of a token's organisation
	// (required).
	Dossiers *dossiers.Service
	// Backoffice checks a dossier's version around a token's change, as
	// around an agent's (required).
	Backoffice *backoffice.Service
	// Observatory publishes the indicators of every procedure as open
	// data (required).
	Observatory *observatory.Service
	// Rights publishes the take-up of the aid suggested with consent
	// (required).
	Rights *rights.Service
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
	if d.Catalogue == nil || d.Places == nil || d.Notify == nil || d.Identity == nil || d.Listening == nil ||
		d.Dossiers == nil || d.Backoffice == nil || d.Changes == nil || d.Observatory == nil ||
		d.Rights == nil {
		return nil, errors.New("api: the catalogue, places, notify, identity, listening, dossiers, backoffice, changes, observatory and rights services are required")
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
			body.Error.Status, body.Error.Code = http.StatusRequestEntityTooLarge, "too_large"
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

// Error is the body of every error answer: the HTTP status, a code for
// programs (stable, in English) and a message for people (in French), with
// each field's problem when the body had bad fields.
type Error struct {
	Error struct {
		Status  int          `json:"status"`
		Code    string       `json:"code"`
		Message string       `json:"message"`
		Fields  []FieldError `json:"fields,omitempty"`
	} `json:"error"`
}

// FieldError is one bad field of a request body, named as in the body.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// kindCodes gives each kind of error its status and code.
var kindCodes = map[errs.Kind]struct {
	status int
	code   string
}{
	errs.NotFound: {404, "not_found"}, errs.Forbidden: {403, "forbidden"}, errs.Unauthorized: {401, "unauthorized"},
	errs.Invalid: {400, "invalid"}, errs.Conflict: {409, "conflict"}, errs.TooMany: {429, "too_many_requests"},
}

// errorBody is the answer to err: its status and body.
func (s *Server) errorBody(r *http.Request, err error) (int, Error) {
	var body Error
	kc, ok := kindCodes[errs.KindOf(err)]
	msg := errs.MessageOf(err)
	if !ok {
		kc.status, kc.code = http.StatusInternalServerError, "internal"
		msg = "Erreur technique. Réessayez plus tard."
		s.Logger.Error("api request failed", "path", r.URL.Path, "err", err)
	}
	var coded *codedError
	if errors.As(err, &coded) {
		kc.status, kc.code = coded.status, coded.code
	}
	switch {
	case errors.Is(err, auth.ErrReadOnlyToken):
		kc.code = "read_only_token"
	case errors.Is(err, backoffice.ErrChanged):
		kc.code = "changed"
	}
	body.Error.Status, body.Error.Code, body.Error.Message = kc.status, kc.code, msg
	for _, fe := range errs.FieldsOf(err) {
		body.Error.Fields = append(body.Error.Fields, FieldError{Field: fe.Field, Message: fe.Message})
	}
	return kc.status, body
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := s.errorBody(r, err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="guichet"`)
	}
	writeJSON(w, status, body)
}

// codedError gives an application error a status and code of its own
// (412 precondition_failed for a stale If-Match).
type codedError struct {
	status int
	code   string
	err    error
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

// writeJSON writes v as indented-free JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
