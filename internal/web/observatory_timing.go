package web

import (
	"net/http"
	"strings"
	"time"
)

// timeProcedurePages hands the observatory the response time of every
// request to a procedure's pages (/demarches/{slug} and below) that was
// answered (status under 400, so that made-up addresses count for
// nothing): its temps de chargement. Other requests pass untouched.
func (s *Server) timeProcedurePages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug, ok := procedureOfPath(r.URL.Path)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status < 400 {
			s.Observatory.RecordTiming(slug, time.Since(start))
		}
	})
}

// procedureOfPath returns the slug of a procedure's page address.
func procedureOfPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/demarches/")
	if !ok {
		return "", false
	}
	slug, _, _ := strings.Cut(rest, "/")
	if slug == "" || slug == "categorie" || len(slug) > 100 {
		return "", false
	}
	for _, c := range slug {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return "", false
		}
	}
	return slug, true
}
