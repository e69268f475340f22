package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzSignInForm posts any e-mail, password and return address to the
// sign-in form: the answer is never a server error, never echoes the
// password, and never redirects off the site.
func FuzzSignInForm(f *testing.F) {
	f.Add("usager@demo.guichet.test", "usager-demo-2026", "/compte")
	f.Add("", "", "")
	f.Add("a@b", "x", "//evil.example/")
	f.Add("\x00<script>", "é\"'<>", "/\\evil.example")
	f.Add("USAGER@DEMO.GUICHET.TEST ", "mot de passe", "https://evil.example")
	ts := newTestServer(f)
	f.Fuzz(func(t *testing.T, email, password, next string) {
		form := url.Values{"email": {email}, "password": {password}, "suite": {next}}
		rec := serve(ts, postForm("/connexion", form.Encode()))
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q", rec.Code, email)
		}
		if strings.Contains(rec.Body.String(), `name="password" type="password" value=`) {
			t.Fatalf("the password field is filled back in")
		}
		if loc := rec.Header().Get("Location"); rec.Code == http.StatusSeeOther &&
			(!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\")) {
			t.Fatalf("redirect off the site: %q", loc)
		}
	})
}
