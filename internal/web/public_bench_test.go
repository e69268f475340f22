package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"guichet/internal/testkit/demokit"
)

// BenchmarkPublicPage measures the home page as issue 16 loads it: an
// anonymous visitor accepting gzip, answered from the cache of public
// pages, and a signed-in person, whose page is rendered each time.
func BenchmarkPublicPage(b *testing.B) {
	ts := newTestServer(b)
	for _, bc := range []struct {
		name   string
		cookie bool
	}{{"anonymous", false}, {"signed in", true}} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			if bc.cookie {
				req.AddCookie(&http.Cookie{Name: sessionCookie, Value: demokit.Session(b, ts.ids, "usager@demo.guichet.test")})
			}
			b.ReportAllocs()
			for b.Loop() {
				w := &sinkWriter{header: http.Header{}}
				ts.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("status %d", w.status)
				}
			}
		})
	}
}
