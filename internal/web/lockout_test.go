package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestWrongPasswordsDoNotLockOutOwner: five wrong passwords, then the right
// one from the browser the owner signed in with before, succeeds; from a
// new browser it is delayed with a French message saying when to retry.
func TestWrongPasswordsDoNotLockOutOwner(t *testing.T) {
	ts := newTestServer(t)
	const right = "email=usager%40demo.guichet.test&password=usager-demo-2026"
	first := serve(ts, postForm("/connexion", right))
	var device *http.Cookie
	for _, c := range first.Result().Cookies() {
		if c.Name == deviceCookie {
			device = c
		}
	}
	if device == nil || !device.HttpOnly || device.MaxAge < 300*24*3600 {
		t.Fatalf("sign-in set no lasting known-device cookie: %+v", device)
	}
	for range 5 {
		serve(ts, postForm("/connexion", "email=usager%40demo.guichet.test&password=pas-le-bon"))
	}
	same := postForm("/connexion", right)
	same.AddCookie(&http.Cookie{Name: deviceCookie, Value: device.Value})
	if rec := serve(ts, same); rec.Code != http.StatusSeeOther {
		t.Fatalf("right password from the same browser: %d, want 303", rec.Code)
	}
	fresh := serve(ts, postForm("/connexion", right))
	if fresh.Code != http.StatusTooManyRequests || !strings.Contains(fresh.Body.String(), "attendez") {
		t.Fatalf("right password from a new browser: %d, want 429 saying when to retry", fresh.Code)
	}
}
