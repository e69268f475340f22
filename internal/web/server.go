// Package web serves Guichet's HTML pages: server-rendered, accessible,
// working without JavaScript. Every route, with who may use it, is listed in
// routes.go; handlers return an error that one adapter turns into a page.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"guichet/internal/accesslog"
	"guichet/internal/activity"
	"guichet/internal/appointments"
	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
	"guichet/internal/changes"
	"guichet/internal/consent"
	"guichet/internal/dossiers"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/listening"
	"guichet/internal/mediation"
	"guichet/internal/notify"
	"guichet/internal/observatory"
	"guichet/internal/places"
	"guichet/internal/prefill"
	"guichet/internal/profile"
	"guichet/internal/rights"
	"guichet/internal/statement"
	"guichet/internal/webhooks"
)

// Deps are what the pages need from the rest of the application: the
// module services, built once in internal/app and shared with the API, and
// the few settings the pages use. The pages never touch the database.
type Deps struct {
	Settings Settings
	Identity *identity.Service
	OIDC     *identity.OIDC // citizens' provider (FranceConnect); nil when none is configured
	// ProConnect is the staff's provider; nil when none is configured.
	ProConnect *identity.OIDC
	// OIDCPublicKeys is the JWKS served at /oidc/jwks, to which
	// FranceConnect+ encrypts; empty when unused.
	OIDCPublicKeys []byte
	Logger         *slog.Logger
	Metrics        *prometheus.Registry
	Now            func() time.Time
	// Catalogue serves the procedures and "Mes droits" (required).
	Catalogue *catalogue.Service
	// Places serves the help places (required).
	Places *places.Service
	// Listening stores the feedback on procedures (required).
	Listening *listening.Service
	// Statement is the accessibility statement; Guichet's default when nil.
	Statement *statement.Statement
	// Forms serves the online forms of procedures (required).
	Forms *forms.Service
	// Notify serves the notification preferences, templates and
	// collective sends (required).
	Notify *notify.Service
	// Dossiers serves the requests on online procedures (required).
	Dossiers *dossiers.Service
	// Mediation serves the mandates and their journal (required).
	Mediation *mediation.Service
	// Backoffice serves the agents' teams and queues (required).
	Backoffice *backoffice.Service
	// Observatory serves the indicators of every procedure (required).
	Observatory *observatory.Service
	// Profile serves the person's profile (required).
	Profile *profile.Service
	// AccessLog tells a person who used their data (required).
	AccessLog *accesslog.Log
	// Consent keeps what people allowed to be shared (required).
	Consent *consent.Service
	// Prefill fills new dossiers from what is already known (required).
	Prefill *prefill.Service
	// Changes delivers the changes declared once (required).
	Changes *changes.Service
	// Appointments serves the slots and bookings of help structures (required).
	Appointments *appointments.Service
	// Activity serves the mediators' activity reports and their statistics (required).
	Activity *activity.Service
	// Webhooks serves the organisations' webhook endpoints and their
	// deliveries (required).
	Webhooks *webhooks.Service
	// Rights serves the aid suggested with people's consent (required).
	Rights *rights.Service
}

// Server holds the parsed templates and dependencies of the HTML surface.
type Server struct {
	Deps
	views   *views
	csp     string // Content-Security-Policy of every response
	static  *staticFiles
	metrics *httpMetrics
	handler http.Handler
	// public keeps the answers of public pages to visitors without cookie.
	public *publicCache
}

// handlerFunc is a page handler: it writes a response or returns an error
// for serveError to show.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// New builds the HTML server with its routes and middleware.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	// Building a missing service here would split what the pages and the
	// API see (two catalogue search indexes): app builds each one once.
	if d.Identity == nil || d.Catalogue == nil || d.Places == nil || d.Forms == nil || d.Notify == nil || d.Dossiers == nil ||
		d.Mediation == nil || d.Listening == nil || d.Backoffice == nil || d.Appointments == nil || d.Activity == nil ||
		d.Profile == nil || d.AccessLog == nil || d.Consent == nil || d.Prefill == nil || d.Changes == nil ||
		d.Webhooks == nil || d.Observatory == nil || d.Rights == nil {
		return nil, errors.New("web: the identity, catalogue, places, forms, notify, dossiers, mediation, listening, backoffice, appointments, activity, profile, access log, consent, prefill, changes, webhooks, observatory and rights services are required")
	}
	if d.Statement == nil {
		st := statement.Default()
		d.Statement = &st
	}
	var err error
	s := &Server{Deps: d}
	s.csp = policyWithProviders(s.providers())
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.views, err = parseViews(s.static); err != nil {
		return nil, err
	}
	s.metrics = newHTTPMetrics(d.Metrics)
	s.public = newPublicCache(time.Now)
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.wrap(rt))
	}
	mux.Handle("/", s.wrap(route{pattern: "unmatched", access: anyone, handle: s.notFound}))
	s.handler = s.middleware(mux)
	return s, nil
}

// ServeHTTP serves a request through the middleware and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// wrap applies the route's access rule, then runs its handler and shows
// any error it returns. A public page's answer to a visitor without cookie
// may come from the cache (public_cache.go); a request that may write
// empties it.
func (s *Server) wrap(rt route) http.Handler {
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := s.limitBody(w, r, rt.pattern)
		if err == nil {
			err = s.authorize(w, r, rt.access)
		}
		if err == nil {
			// The banner of a mediator acting for someone shows on every page.
			r, err = s.withActing(r)
		}
		if err == nil {
			err = rt.handle(w, r)
		}
		if err != nil && err != errHandled {
			s.serveError(w, r, err)
		}
	})
	if publicPages[rt.pattern] {
		h = s.public.keep(rt.pattern, h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if mayWrite(r) {
			s.public.invalidate()
		}
		s.metrics.observe(rt.pattern, rec.status, time.Since(start))
	})
}

// statusRecorder remembers the status a handler wrote, for metrics and logs.
type statusRecorder struct {
	http.ResponseWriter
	status  int
	written bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.written {
		r.status, r.written = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.written = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
