package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/identity/oidctest"
)

// TestOIDCSignIn goes through the citizen's sign-in with an OpenID Connect
// provider started in the test: button, provider, return, account page.
func TestOIDCSignIn(t *testing.T) {
	p := oidctest.New(t)
	ts := newTestServer(t)
	o, err := identity.NewOIDC(context.Background(), identity.OIDCConfig{Issuer: p.URL, ClientID: p.ClientID,
		ClientSecret: p.Secret, RedirectURL: "http://guichet.test/connexion/oidc/retour", Name: "FranceConnect"})
	if err != nil {
		t.Fatal(err)
	}
	ts.OIDC = o

	if body := ts.do("GET", "/connexion", "").Body.String(); !strings.Contains(body, `href="/connexion/oidc"`) {
		t.Fatal("the sign-in page offers no provider button")
	}
	start := ts.do("GET", "/connexion/oidc", "")
	if start.Code != http.StatusFound {
		t.Fatalf("start: %d", start.Code)
	}
	cookies := start.Result().Cookies()
	code, state := p.SignIn(t, start.Header().Get("Location"))

	back := httptest.NewRequest("GET", "/connexion/oidc/retour?"+url.Values{"code": {code}, "state": {state}}.Encode(), nil)
	for _, c := range cookies {
		back.AddCookie(c)
	}
	rec := serve(ts, back)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/compte" {
		t.Fatalf("return: %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	var session string
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			session = c.Value
		}
	}
	account := ts.do("GET", "/compte", session)
	if account.Code != http.StatusOK || !strings.Contains(account.Body.String(), "camille@exemple.fr") {
		t.Fatalf("account page after OIDC sign-in: %d", account.Code)
	}

	// A return without the browser's cookie (another browser, or forged) is refused.
	forged := ts.do("GET", "/connexion/oidc/retour?code=x&state="+state, "")
	if forged.Code != http.StatusBadRequest {
		t.Errorf("return without the state cookie: %d, want 400", forged.Code)
	}
}
