package web

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"guichet/internal/testkit/demokit"
)

// TestPublicCacheNeverSharesAPersonalPage walks the home page, a public
// page, as a signed-in person and as anonymous visitors, in both orders:
// the person's name never reaches a visitor, and the person never gets
// the visitors' kept page.
func TestPublicCacheNeverSharesAPersonalPage(t *testing.T) {
	ts := newTestServer(t)
	token := demokit.Session(t, ts.ids, "usager@demo.guichet.test")
	const name = "Camille Martin"
	get := func(token string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		if token != "" {
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		}
		return serve(ts, req)
	}
	for _, order := range [][]string{{token, "", ""}, {"", "", token, ""}} {
		for i, tok := range order {
			rec := get(tok)
			body := gunzipped(t, rec)
			if rec.Code != 200 {
				t.Fatalf("request %d: status %d", i, rec.Code)
			}
			if tok != "" && !strings.Contains(body, name) {
				t.Errorf("request %d, signed in: the page does not name the person; was a kept page served?", i)
			}
			if tok == "" && strings.Contains(body, name) {
				t.Errorf("request %d, anonymous: the page names %s", i, name)
			}
			if tok != "" && rec.Header().Get("Content-Length") != "" {
				t.Errorf("request %d, signed in: the answer has the length of a kept page", i)
			}
		}
	}
	// Anonymous answers from the cache keep every security header.
	rec := get("")
	for _, h := range []string{"Content-Security-Policy", "X-Frame-Options", "Vary", "Content-Type"} {
		if rec.Header().Get(h) == "" {
			t.Errorf("kept answer without %s", h)
		}
	}
}

// TestPublicCacheKeeps checks what the cache keeps and for whom, with a
// counting page behind it.
func TestPublicCacheKeeps(t *testing.T) {
	tests := []struct {
		name string
		// page answers the nth request; reqs are sent in order.
		page       func(w http.ResponseWriter, n int)
		reqs       []func(r *http.Request)
		wantRender int64
	}{
		{"anonymous visitors share one render", okPage, []func(*http.Request){nil, nil, nil}, 1},
		{"a cookie is never answered from the cache", okPage, []func(*http.Request){nil, withCookie, withCookie}, 3},
		{"credentials are never answered from the cache", okPage, []func(*http.Request){nil, withBearer}, 2},
		{"an answer that sets a cookie is not kept", func(w http.ResponseWriter, n int) {
			http.SetCookie(w, &http.Cookie{Name: "x", Value: fmt.Sprint(n)})
			okPage(w, n)
		}, []func(*http.Request){nil, nil}, 2},
		{"an error is not kept", func(w http.ResponseWriter, n int) {
			w.WriteHeader(http.StatusNotFound)
		}, []func(*http.Request){nil, nil}, 2},
		{"HEAD is not answered from the cache", okPage, []func(*http.Request){nil, func(r *http.Request) { r.Method = "HEAD" }}, 2},
		{"another address is another page", okPage, []func(*http.Request){nil, func(r *http.Request) { r.URL.RawQuery = "q=autre" }}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newPublicCache(time.Now)
			var renders atomic.Int64
			h := c.keep("GET /page", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				tt.page(w, int(renders.Add(1)))
			}))
			for _, change := range tt.reqs {
				req := httptest.NewRequest("GET", "/page?q=x", nil)
				if change != nil {
					change(req)
				}
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
			if got := renders.Load(); got != tt.wantRender {
				t.Errorf("%d renders, want %d", got, tt.wantRender)
			}
		})
	}
}

func okPage(w http.ResponseWriter, n int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<p>rendu %d</p>", n)
}

func withCookie(r *http.Request) { r.AddCookie(&http.Cookie{Name: sessionCookie, Value: "jeton"}) }
func withBearer(r *http.Request) { r.Header.Set("Authorization", "Bearer jeton") }

// TestPublicCacheKeepsHeaders checks that an answer from the cache has the
// headers the page set, and the length of the body it carries; the first
// too, which is held while rendered and sent from its entry.
func TestPublicCacheKeepsHeaders(t *testing.T) {
	c := newPublicCache(time.Now)
	h := c.keep("GET /api", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"results":[]}`)
	}))
	for i, gz := range []bool{false, false, true} {
		req := httptest.NewRequest("GET", "/api", nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Header().Get("Access-Control-Allow-Origin") != "*" || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("answer %d: headers %v", i, rec.Header())
		}
		sent := rec.Body.Len()
		if rec.Header().Get("Content-Length") != fmt.Sprint(sent) {
			t.Errorf("answer %d: Content-Length %q for %d bytes", i, rec.Header().Get("Content-Length"), sent)
		}
		if body := gunzipped(t, rec); body != `{"results":[]}` {
			t.Errorf("answer %d: body %q", i, body)
		}
	}
}

// TestPublicCacheReleasesWhatItDoesNotKeep: an answer that cannot be kept
// (an error, one too large) reaches the client whole, as written.
func TestPublicCacheReleasesWhatItDoesNotKeep(t *testing.T) {
	large := strings.Repeat("x", publicMaxBody/3+1)
	tests := []struct {
		name   string
		status int
		writes []string
	}{
		{"an error page", http.StatusNotFound, []string{"<p>Page introuvable</p>"}},
		{"a page larger than publicMaxBody", http.StatusOK, []string{large, large, large, "fin"}},
		{"a page written in pieces", http.StatusOK, []string{"<p>", "un", "</p>"}},
		{"a page that writes nothing", http.StatusOK, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newPublicCache(time.Now)
			h := c.keep("GET /page", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if tt.status != http.StatusOK {
					w.WriteHeader(tt.status)
				}
				for _, piece := range tt.writes {
					io.WriteString(w, piece)
				}
			}))
			for i := range 2 {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/page", nil))
				if rec.Code != tt.status || rec.Body.String() != strings.Join(tt.writes, "") {
					t.Errorf("answer %d: status %d, %d bytes; want %d, %d bytes", i, rec.Code, rec.Body.Len(),
						tt.status, len(strings.Join(tt.writes, "")))
				}
			}
		})
	}
}

// TestPublicCacheFollowsTimeAndWrites checks that a kept answer lives
// publicTTL, that a stale one is served while one request renders it
// again, and that a request that may write forgets everything.
func TestPublicCacheFollowsTimeAndWrites(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	c := newPublicCache(clock)
	var renders atomic.Int64
	var block atomic.Bool
	release := make(chan struct{})
	blocked := make(chan struct{}) // a blocked render has begun
	h := c.keep("GET /page", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := renders.Add(1)
		if block.Load() {
			blocked <- struct{}{}
			<-release
		}
		okPage(w, int(n))
	}))
	get := func() string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/page", nil))
		return rec.Body.String()
	}
	if got := get(); got != "<p>rendu 1</p>" {
		t.Fatalf("first answer %q", got)
	}
	advance(publicTTL / 2)
	if got := get(); got != "<p>rendu 1</p>" {
		t.Errorf("within its time: %q, want the kept answer", got)
	}
	advance(publicTTL)
	if got := get(); got != "<p>rendu 2</p>" {
		t.Errorf("past its time: %q, want a new render", got)
	}
	c.invalidate()
	if got := get(); got != "<p>rendu 3</p>" {
		t.Errorf("after a write: %q, want a new render", got)
	}
	advance(3 * publicTTL)
	if got := get(); got != "<p>rendu 4</p>" {
		t.Errorf("long past its time: %q, want a new render", got)
	}

	// Stale while one request renders again: the others get the old answer.
	advance(publicTTL + time.Millisecond)
	block.Store(true)
	done := make(chan string)
	go func() { done <- get() }()
	<-blocked
	if got := get(); got != "<p>rendu 4</p>" {
		t.Errorf("while another request renders: %q, want the stale answer", got)
	}
	close(release)
	if got := <-done; got != "<p>rendu 5</p>" {
		t.Errorf("the request that rendered again got %q", got)
	}
	if got := get(); got != "<p>rendu 5</p>" {
		t.Errorf("after the new render: %q", got)
	}
}

// TestPublicCacheThroughTheServer checks the cache as the routes use it:
// a public page is rendered once for anonymous visitors, and a POST on
// any route makes the next visitor see a new render.
func TestPublicCacheThroughTheServer(t *testing.T) {
	ts := newTestServer(t)
	var renders atomic.Int64
	page := ts.wrap(route{pattern: "GET /{$}", access: anyone, handle: func(w http.ResponseWriter, r *http.Request) error {
		okPage(w, int(renders.Add(1)))
		return nil
	}})
	write := ts.wrap(route{pattern: "POST /ecrire", access: anyone, handle: func(w http.ResponseWriter, r *http.Request) error {
		return nil
	}})
	for range 3 {
		page.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}
	write.ServeHTTP(httptest.NewRecorder(), postForm("/ecrire", ""))
	page.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got := renders.Load(); got != 2 {
		t.Errorf("%d renders, want 2: one before the POST, one after", got)
	}
}

// TestPublicCacheBounded checks that any number of addresses asked keeps
// the cache within its bounds.
func TestPublicCacheBounded(t *testing.T) {
	c := newPublicCache(time.Now)
	h := c.keep("GET /page", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { okPage(w, 0) }))
	for i := range publicMaxEntries + 50 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/page?q=%d", i), nil))
	}
	if len(c.entries) > publicMaxEntries || c.bytes > publicMaxBytes {
		t.Errorf("%d entries, %d bytes: over the bounds", len(c.entries), c.bytes)
	}
	big := c.keep("GET /big", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", publicMaxBody+1)))
	}))
	big.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/big", nil))
	if _, ok := c.entries[publicKey{"example.com", "/big", ""}]; ok {
		t.Errorf("an answer over publicMaxBody was kept")
	}
}

// gunzipped returns the body of rec, uncompressed when it is gzipped.
func gunzipped(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.String()
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
