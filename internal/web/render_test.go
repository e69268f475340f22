package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestPublicPagesShell checks the accessibility basics of the page shell on
// each public page: language, one h1, skip link, main landmark, footer links.
func TestPublicPagesShell(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	for _, path := range []string{"/", "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/aide",
		"/connexion", "/inscription", "/mot-de-passe/oublie", "/page-qui-n-existe-pas"} {
		t.Run(path, func(t *testing.T) {
			rec := ts.do("GET", path, "")
			body := rec.Body.String()
			if rec.Code != http.StatusOK && !(path == "/page-qui-n-existe-pas" && rec.Code == http.StatusNotFound) {
				t.Fatalf("status %d", rec.Code)
			}
			for _, want := range []string{`<html lang="fr">`, `href="#contenu"`, `<main id="contenu"`,
				"Accessibilité : non conforme", `href="/mentions-legales"`, `href="/donnees-personnelles"`} {
				if !strings.Contains(body, want) {
					t.Errorf("missing %q", want)
				}
			}
			if n := strings.Count(body, "<h1"); n != 1 {
				t.Errorf("got %d h1, want 1", n)
			}
			if strings.Contains(body, "<script") && strings.Contains(body, "<script>") {
				t.Error("inline script found")
			}
			csp := rec.Header().Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
				!strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP %q", csp)
			}
			for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy"} {
				if rec.Header().Get(h) == "" {
					t.Errorf("missing header %s", h)
				}
			}
		})
	}
}

// TestEveryInputHasALabel checks that each input of the public forms has a
// label pointing at it.
func TestEveryInputHasALabel(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	inputID := regexp.MustCompile(`<input id="([^"]+)"[^>]*type="(?:text|email|password|search|number|tel)"`)
	for _, path := range []string{"/", "/connexion", "/inscription", "/mot-de-passe/oublie"} {
		body := ts.do("GET", path, "").Body.String()
		for _, m := range inputID.FindAllStringSubmatch(body, -1) {
			if !strings.Contains(body, `<label for="`+m[1]+`"`) {
				t.Errorf("%s: input %s has no label", path, m[1])
			}
		}
	}
}

func TestSignInErrorKeepsEmail(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	req := postForm("/connexion", "email=usager%40demo.guichet.test&password=mauvais-mot-de-passe")
	rec := serve(ts, req)
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", rec.Code)
	}
	for _, want := range []string{`class="error-summary"`, `value="usager@demo.guichet.test"`, "<title>Erreur : ",
		`href="#password"`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(body, "mauvais-mot-de-passe") {
		t.Error("the password is echoed back")
	}
}
