package web

import (
	"net/http"
	"net/url"
	"testing"
)

// TestSafeNextRefusesOtherSites lists values of "suite" that a browser
// would follow to another site, or that are no path of this one.
func TestSafeNextRefusesOtherSites(t *testing.T) {
	hostile := []string{
		"", "//site.example", "/\\site.example", "\\\\site.example", "https://site.example",
		"http:/site.example", "javascript:alert(1)", "/\t/site.example", "/%09/site.example",
		"\t//site.example", "/\n/site.example", "/\r/site.example", "/ /site.example",
		" /compte", "/\x00/site.example", "/\x7f/x", "/demarches\\..\\x", "site.example",
		"//", "/%2F/site.example", "/%5Csite.example", "/\u2028/x",
	}
	for _, next := range hostile {
		if got := safeNext(next); got != "" {
			t.Errorf("safeNext(%q) = %q, want the default page", next, got)
		}
	}
	good := []string{"/compte", "/demarches/carte-grise?etape=2", "/espace/cpam#menu", "/mes-droits/resultat?a=1&b=%C3%A9"}
	for _, next := range good {
		if got := safeNext(next); got != next {
			t.Errorf("safeNext(%q) = %q, want it kept", next, got)
		}
	}
}

// TestSignInRedirectStaysHere signs in with a hostile "suite" and checks
// that the browser is sent to the account page of this site.
func TestSignInRedirectStaysHere(t *testing.T) {
	ts := newTestServer(t)
	for _, next := range []string{"/\t/site.example", "//site.example", "/\\site.example", "https://site.example"} {
		rec := serve(ts, postForm("/connexion", "email=usager%40demo.guichet.test&password="+"usager-demo-2026"+
			"&suite="+url.QueryEscape(next)))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/compte" {
			t.Errorf("suite=%q: %d to %q, want 303 to /compte", next, rec.Code, rec.Header().Get("Location"))
		}
	}
}
