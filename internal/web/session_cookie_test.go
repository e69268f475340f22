package web

import (
	"net/http"
	"net/url"
	"testing"

	"guichet/internal/demo"
	"guichet/internal/identity"
)

// TestSessionCookieOverHTTPS checks that, when Guichet is served over
// https, the session cookie carries the __Host- prefix (no sibling site and
// no plain-http page can set it), is Secure, for path / and without a
// domain, and that the server reads it back under that name.
func TestSessionCookieOverHTTPS(t *testing.T) {
	ts := newTestServerWith(t, Settings{BaseURL: "https://guichet.example"})
	var citizen *demo.Account
	for i := range demo.Accounts {
		if demo.Accounts[i].Role == identity.RoleCitizen {
			citizen = &demo.Accounts[i]
		}
	}
	rec := serve(ts, postForm("/connexion", url.Values{"email": {citizen.Email}, "password": {citizen.Password}}.Encode()))
	var got *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Value != "" && c.Name != deviceCookie {
			got = c
		}
	}
	if got == nil || got.Name != "__Host-guichet_session" || !got.Secure || got.Path != "/" || got.Domain != "" {
		t.Fatalf("session cookie over https = %+v, want __Host-guichet_session, Secure, path /, no domain", got)
	}
	req := httptestGet("/compte")
	req.AddCookie(&http.Cookie{Name: got.Name, Value: got.Value})
	if page := serve(ts, req); page.Code != http.StatusOK {
		t.Errorf("GET /compte with the __Host- cookie: %d, want 200", page.Code)
	}
	old := httptestGet("/compte")
	old.AddCookie(&http.Cookie{Name: "guichet_session", Value: got.Value})
	if page := serve(ts, old); page.Code != http.StatusSeeOther {
		t.Errorf("GET /compte with the unprefixed cookie over https: %d, want 303 to sign-in", page.Code)
	}
}

func httptestGet(path string) *http.Request {
	req, _ := http.NewRequest("GET", "http://guichet.test"+path, nil)
	return req
}
