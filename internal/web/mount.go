package web

import (
	"net/http"
	"time"
)

// Mount wraps a handler that internal/app mounts beside the pages (the
// JSON API, the health checks) with the layers every answer of Guichet
// gets: panics recovered, requests logged, security headers, compression,
// and request metrics under pattern.
func (s *Server) Mount(pattern string, h http.Handler) http.Handler {
	observed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		s.metrics.observe(pattern, rec.status, time.Since(start))
	})
	return s.recoverAndLog(s.securityHeaders(compress(observed)))
}

// Static serves the static files (styles, scripts, images) under
// /static/{file...}, for the root router of internal/app.
func (s *Server) Static() http.Handler {
	rt := route{pattern: "GET /static/{file...}", access: anyone, handle: s.serveStatic}
	return s.recoverAndLog(s.securityHeaders(compress(s.wrap(rt))))
}
