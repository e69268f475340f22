package web

import (
	"compress/gzip"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"guichet/internal/errs"
)

// contentSecurityPolicy allows no inline script and no framing; images may
// be data: URLs (the TOTP enrolment QR code).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// policyWithProviders lets the sign-out form lead to the identity
// providers' end-session endpoints: browsers apply form-action to the
// redirect that follows a form.
func policyWithProviders(ps []provider) string {
	var origins []string
	for _, p := range ps {
		if u, err := url.Parse(p.oidc.Issuer()); err == nil && u.Host != "" {
			origins = append(origins, u.Scheme+"://"+u.Host)
		}
	}
	if len(origins) == 0 {
		return contentSecurityPolicy
	}
	return strings.Replace(contentSecurityPolicy, "form-action 'self'", "form-action 'self' "+strings.Join(origins, " "), 1)
}

// middleware wraps the routes: panics become 500 pages, every response
// carries the security headers, cross-origin state changes are refused,
// text is compressed and the session is loaded.
func (s *Server) middleware(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Logger.Warn("cross-origin request refused", "method", r.Method, "path", loggedPath(r.URL.Path),
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		s.serveError(w, r, errs.E(errs.Forbidden,
			"Cette demande vient d'un autre site : elle a été refusée par sécurité. Revenez sur Guichet et recommencez."))
	}))
	h = s.loadSession(h)
	h = cop.Handler(h)
	h = compress(h)
	h = s.servePublic(h)
	// Outside the cache of public pages: a page's load time is what people
	// waited, kept answer or not.
	h = s.timeProcedurePages(h)
	h = s.securityHeaders(h)
	return s.recoverAndLog(h)
}

// one is a header value shared by every response: its capacity is its
// length, so that Header.Add on it copies rather than writes into it.
func one(v string) []string { return []string{v}[:1:1] }

var (
	nosniff         = one("nosniff")
	denyFrames      = one("DENY")
	sameOrigin      = one("same-origin")
	permissions     = one("geolocation=(self), camera=(), microphone=()")
	strictTransport = one("max-age=63072000; includeSubDomains")
	varyOnEncoding  = one("Accept-Encoding")
)

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	csp := one(s.csp)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Set by key, with values made once: these headers are on every
		// answer, and Header.Set would allocate each of them again.
		hd := w.Header()
		hd["Content-Security-Policy"] = csp
		hd["X-Content-Type-Options"] = nosniff
		hd["X-Frame-Options"] = denyFrames
		hd["Referrer-Policy"] = sameOrigin
		hd["Cross-Origin-Opener-Policy"] = sameOrigin
		hd["Permissions-Policy"] = permissions
		if s.Settings.TLS() || r.TLS != nil {
			hd["Strict-Transport-Security"] = strictTransport
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverAndLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.serveError(rec, r, fmt.Errorf("panic: %v", p))
			}
			if quiet(r.URL.Path) && rec.status < 400 || !s.Logger.Enabled(r.Context(), slog.LevelInfo) {
				return // Not even the attributes are built: this runs for every request.
			}
			// Typed attributes: the line is built without boxing each value.
			s.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method),
				slog.String("path", loggedPath(r.URL.Path)), slog.Int("status", rec.status),
				slog.Int64("duration_ms", time.Since(start).Milliseconds()))
		}()
		next.ServeHTTP(rec, r)
	})
}

// secretPaths are the addresses whose next segment is a secret: the token
// of an appointment's link opens it for whoever reads it, the token of
// a booking waiting for its code is the browser's that asked, and a
// follower's confirms or stops their e-mails.
var secretPaths = []string{"/rendez-vous/gerer/", "/rendez-vous/confirmer/", "/actions/suivi/"}

// loggedPath is path as logs may show it, its secret segment replaced by "…".
func loggedPath(path string) string {
	for _, prefix := range secretPaths {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			_, tail, found := strings.Cut(rest, "/")
			if found {
				return prefix + "…/" + tail
			}
			return prefix + "…"
		}
	}
	return path
}

// quiet paths are not logged when they succeed: they are polled often.
func quiet(path string) bool {
	return path == "/healthz" || path == "/readyz" || path == "/metrics" || strings.HasPrefix(path, "/static/")
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return w }}

// compress gzips text responses for clients that accept it: pages weigh
// less on slow connections. Responses that set Content-Encoding (static
// files served pre-compressed) pass untouched.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addVary(w.Header())
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

// addVary says that the answer depends on Accept-Encoding.
func addVary(h http.Header) {
	if len(h["Vary"]) == 0 {
		h["Vary"] = varyOnEncoding
		return
	}
	h.Add("Vary", "Accept-Encoding")
}

type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		ct := h.Get("Content-Type")
		if h.Get("Content-Encoding") == "" && code != http.StatusNoContent && code != http.StatusNotModified &&
			(strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "svg")) {
			h.Set("Content-Encoding", "gzip")
			h.Del("Content-Length")
			g.gz = gzipPool.Get().(*gzip.Writer)
			g.gz.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.gz != nil {
		g.gz.Close()
		gzipPool.Put(g.gz)
	}
}

func (g *gzipWriter) Flush() {
	if g.gz != nil {
		g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
