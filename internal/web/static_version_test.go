package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestStaticOfAnotherReleaseIsNotCached covers a rolling upgrade: a page
// rendered by a node of the new release links /static/guichet.css?v=NEW,
// and the request may reach a node of the old release. That node serves
// its own file, which must not be cached for a year under the new
// address; its own address stays immutable.
func TestStaticOfAnotherReleaseIsNotCached(t *testing.T) {
	sf, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{static: sf}
	own := sf.url("guichet.css")
	if !strings.Contains(own, "?v=") {
		t.Fatalf("no version in %q", own)
	}
	for _, c := range []struct {
		url, want string
	}{
		{own, "public, max-age=31536000, immutable"},
		{"/static/guichet.css?v=0123456789ab", "no-store"},
	} {
		r := httptest.NewRequest("GET", c.url, nil)
		r.SetPathValue("file", "guichet.css")
		w := httptest.NewRecorder()
		if err := s.serveStatic(w, r); err != nil {
			t.Fatal(err)
		}
		if w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("%s: %d, %d bytes", c.url, w.Code, w.Body.Len())
		}
		if got := w.Header().Get("Cache-Control"); got != c.want {
			t.Errorf("%s: Cache-Control %q, want %q", c.url, got, c.want)
		}
	}
}
