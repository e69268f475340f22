package web

import (
	"net/http"
	"time"
)

// Mount wraps a handler that internal/app mounts beside the pages (the
// JSON API, the health checks) with the layers every answer of Guichet
// gets: panics recovered, requests logged, security headers, compression,
// and request metrics under pattern.
// A request that may write empties the cache of public pages.
func (s *Server) Mount(pattern string, h http.Handler) http.Handler {
	observed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if mayWrite(r) {
			s.public.invalidate()
		}
		s.metrics.observe(pattern, rec.status, time.Since(start))
	})
	return s.recoverAndLog(s.securityHeaders(s.servePublic(compress(observed))))
}

// MountPublic is Mount for an address whose answer to a caller without
// cookie nor credentials depends only on the address and on public data
// (the API's catalogue search): such answers are kept a moment, like the
// public pages' (public_cache.go).
func (s *Server) MountPublic(pattern string, h http.Handler) http.Handler {
	return s.Mount(pattern, s.public.keep(pattern, h))
}

// Static serves the static files (styles, scripts, images) under
// /static/{file...}, for the root router of internal/app.
func (s *Server) Static() http.Handler {
	rt := route{pattern: "GET /static/{file...}", access: anyone, handle: s.serveStatic}
	return s.recoverAndLog(s.securityHeaders(compress(s.wrap(rt))))
}
