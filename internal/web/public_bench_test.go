package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/places"

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

// BenchmarkPlacesSearchUncached measures the places search page when the
// cache of public pages has nothing for it (each address asked once): the
// town found, the places read and sorted, the page rendered and
// compressed, on the demo's places.
func BenchmarkPlacesSearchUncached(b *testing.B) {
	var pl *places.Service
	ts := newTestServer(b, func(d *Deps) { pl = d.Places })
	if _, err := demo.LoadPlaces(context.Background(), pl, ts.ids); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		req := httptest.NewRequest("GET", "/lieux?q=Villeurbanne&n="+strconv.Itoa(i), nil)
		req.Header.Set("Accept-Encoding", "gzip")
		w := &sinkWriter{header: http.Header{}}
		ts.ServeHTTP(w, req)
		if w.status != http.StatusOK || w.bytes == 0 {
			b.Fatalf("status %d, %d bytes", w.status, w.bytes)
		}
	}
}
