package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/identity"
	"guichet/internal/identity/oidctest"
)

// browser walks Guichet's pages keeping cookies, as a person's browser.
type browser struct {
	t   *testing.T
	ts  *testServer
	jar *cookiejar.Jar
}

var guichetURL, _ = url.Parse("http://guichet.test/")

func newBrowser(t *testing.T, ts *testServer) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, ts: ts, jar: jar}
}

// visit requests target (a path or a guichet.test address) and keeps the
// cookies the answer sets.
func (b *browser) visit(method, target string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	u := guichetURL.ResolveReference(req.URL)
	for _, c := range b.jar.Cookies(u) {
		req.AddCookie(c)
	}
	rec := serve(b.ts, req)
	b.jar.SetCookies(u, rec.Result().Cookies())
	return rec
}

// oidcSite is Guichet with a strict provider of mode as its citizens'
// (or, for proconnect, staff's) provider.
func oidcSite(t *testing.T, mode string) (*testServer, *oidctest.Provider) {
	t.Helper()
	opts := oidctest.Options{Mode: mode, PathPrefix: "/api/v2",
		PostLogoutRedirectURI: "http://guichet.test/deconnexion/retour"}
	path := "/connexion/oidc"
	if mode == "proconnect" {
		path = "/connexion/proconnect"
	}
	opts.RedirectURI = "http://guichet.test" + path + "/retour"
	var keys *identity.OIDCConfig
	var ts *testServer
	if mode == "franceconnect-plus" {
		// The provider fetches Guichet's public keys at /oidc/jwks.
		set, err := identity.LoadOrCreateDecryptionKeys(filepath.Join(t.TempDir(), "keys.json"))
		if err != nil {
			t.Fatal(err)
		}
		keys = &identity.OIDCConfig{DecryptionKeys: set}
		site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ts.ServeHTTP(w, r) }))
		t.Cleanup(site.Close)
		opts.ClientJWKSURL = site.URL + "/oidc/jwks"
	}
	p := oidctest.New(t, opts)
	cfg := identity.OIDCConfig{Profile: identity.Profiles[mode], Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.Secret,
		RedirectURL: opts.RedirectURI, PostLogoutRedirectURL: opts.PostLogoutRedirectURI}
	if keys != nil {
		cfg.DecryptionKeys = keys.DecryptionKeys
	}
	o, err := identity.NewOIDC(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts = newTestServer(t, func(d *Deps) {
		if mode == "proconnect" {
			d.ProConnect = o
		} else {
			d.OIDC = o
		}
		if keys != nil {
			d.OIDCPublicKeys = mustJSON(t, identity.PublicKeys(keys.DecryptionKeys))
		}
	})
	return ts, p
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// signInAt follows the button of path through the provider and back, and
// returns Guichet's answer to the return.
func (b *browser) signInAt(p *oidctest.Provider, path string) *httptest.ResponseRecorder {
	b.t.Helper()
	start := b.visit("GET", path, nil)
	if start.Code != http.StatusFound {
		b.t.Fatalf("start: %d", start.Code)
	}
	back, err := p.Follow(start.Header().Get("Location"))
	if err != nil {
		b.t.Fatalf("the provider refused Guichet's request: %v", err)
	}
	return b.visit("GET", back.String(), nil)
}

// TestOIDCProfilesThroughThePages signs a person in and out through the
// pages with each citizen profile against the strict provider.
func TestOIDCProfilesThroughThePages(t *testing.T) {
	for _, mode := range []string{"franceconnect", "franceconnect-plus", "generic"} {
		t.Run(mode, func(t *testing.T) {
			ts, p := oidcSite(t, mode)
			b := newBrowser(t, ts)
			page := b.visit("GET", "/connexion", nil).Body.String()
			name := identity.Profiles[mode].Name
			if name == "" {
				name = "FranceConnect"
			}
			name = strings.ReplaceAll(name, "+", "&#43;") // as html/template writes it
			if !strings.Contains(page, "S’identifier avec</span> <span class=\"connect-brand\">"+name) {
				t.Fatalf("no %s button on the sign-in page", name)
			}
			if mode != "generic" && !strings.Contains(page, "Qu’est-ce que "+name+" ?") {
				t.Errorf("no « Qu’est-ce que %s ? » link", name)
			}
			if !strings.Contains(b.visit("GET", "/inscription", nil).Body.String(), "S’identifier avec") {
				t.Error("no provider button on the sign-up page")
			}
			rec := b.signInAt(p, "/connexion/oidc")
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/compte" {
				t.Fatalf("return: %d to %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
			}
			account := b.visit("GET", "/compte", nil)
			if account.Code != http.StatusOK || !strings.Contains(account.Body.String(), "Camille Martin") {
				t.Fatalf("account page: %d", account.Code)
			}
			if mode != "generic" && (!strings.Contains(account.Body.String(), "Identité transmise par "+name) ||
				!strings.Contains(account.Body.String(), "12 avril 1990")) {
				t.Error("the account page does not show the identity pivot")
			}
			b.signOutThroughProvider(p)
		})
	}
}

// signOutThroughProvider signs out through the provider's /session/end,
// which checks id_token_hint, state and the registered return address.
func (b *browser) signOutThroughProvider(p *oidctest.Provider) {
	b.t.Helper()
	out := b.visit("POST", "/deconnexion", nil)
	end, _ := url.Parse(out.Header().Get("Location"))
	if out.Code != http.StatusSeeOther || !strings.HasSuffix(end.Path, "/session/end") {
		b.t.Fatalf("sign-out: %d to %s", out.Code, end)
	}
	if b.visit("GET", "/compte", nil).Code != http.StatusSeeOther {
		b.t.Error("the local session outlived the sign-out")
	}
	back, err := p.Follow(end.String())
	if err != nil || p.Logouts() != 1 {
		b.t.Fatalf("the provider refused the end of session: %v", err)
	}
	done := b.visit("GET", back.String(), nil)
	if done.Code != http.StatusOK || !strings.Contains(done.Body.String(), "Vous êtes déconnecté. À bientôt.") {
		b.t.Errorf("return from the provider: %d", done.Code)
	}
	// A return whose state is not this browser's is noticed.
	forged := b.visit("GET", "/deconnexion/retour?state=autre", nil).Body.String()
	if !strings.Contains(forged, "pas pu vérifier") {
		b.t.Error("a forged sign-out return went unnoticed")
	}
}

func TestOIDCRefusedSignIns(t *testing.T) {
	ts, p := oidcSite(t, "franceconnect")
	b := newBrowser(t, ts)

	p.TamperUserInfo = true
	if rec := b.signInAt(p, "/connexion/oidc"); rec.Code != http.StatusBadRequest || b.visit("GET", "/compte", nil).Code != http.StatusSeeOther {
		t.Errorf("tampered userinfo: %d", rec.Code)
	}
	p.TamperUserInfo = false

	p.Deny, p.ErrorDescription = "access_denied", "L'usager a annulé"
	rec := b.signInAt(p, "/connexion/oidc")
	if body := rec.Body.String(); rec.Code != http.StatusBadRequest || !strings.Contains(body, "Vous avez annulé la connexion avec FranceConnect") ||
		!strings.Contains(body, "L&#39;usager a annulé") || !strings.Contains(body, `action="/connexion"`) {
		t.Errorf("provider error: %d\n%s", rec.Code, body)
	}
	p.Deny = ""

	// A return without the browser's cookie (another browser, or forged) is refused.
	if forged := newBrowser(t, ts).visit("GET", "/connexion/oidc/retour?code=x&state=y", nil); forged.Code != http.StatusBadRequest {
		t.Errorf("return without the state cookie: %d, want 400", forged.Code)
	}
}

// TestOIDCLinkNeedsPassword: the provider gives the address of an existing
// account; the person confirms with its password before being signed in.
func TestOIDCLinkNeedsPassword(t *testing.T) {
	ts, p := oidcSite(t, "franceconnect")
	b := newBrowser(t, ts)
	person := oidctest.Camille()
	person["email"] = "usager@demo.guichet.test"
	p.Set(person)
	rec := b.signInAt(p, "/connexion/oidc")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/connexion/rattacher" {
		t.Fatalf("return: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if page := b.visit("GET", "/connexion/rattacher", nil).Body.String(); !strings.Contains(page, "usager@demo.guichet.test") {
		t.Fatal("the link page does not name the account")
	}
	if bad := b.visit("POST", "/connexion/rattacher", url.Values{"password": {"mauvais"}}); bad.Code != http.StatusUnprocessableEntity {
		t.Errorf("wrong password: %d", bad.Code)
	}
	ok := b.visit("POST", "/connexion/rattacher", url.Values{"password": {"usager-demo-2026"}})
	if ok.Code != http.StatusSeeOther || ok.Header().Get("Location") != "/compte" {
		t.Fatalf("right password: %d to %q", ok.Code, ok.Header().Get("Location"))
	}
	if !strings.Contains(b.visit("GET", "/compte", nil).Body.String(), "Compte relié à un fournisseur d&#39;identité") {
		t.Error("the link is not in the account's history")
	}
}

// TestProConnectStaff: an agent of an organisation set up by SIRET signs
// in with ProConnect; multi-factor skips Guichet's own code, plain eidas1
// does not.
func TestProConnectStaff(t *testing.T) {
	ts, p := oidcSite(t, "proconnect")
	if err := ts.ids.SetProConnect(context.Background(), 0, "caf", "12345678900011", "agent"); err != nil {
		t.Fatal(err)
	}
	agent := func(sub string) map[string]any {
		return map[string]any{"sub": sub, "email": sub + "@caf.fr", "given_name": "Alex", "usual_name": "Durand",
			"siret": "12345678900011", "uid": sub, "idp_id": "fia1", "organization_label": "CAF"}
	}
	p.Set(agent("mfa"))
	p.ACR = "eidas1-mfa"
	b := newBrowser(t, ts)
	if !strings.Contains(b.visit("GET", "/connexion", nil).Body.String(), "Qu’est-ce que ProConnect ?") {
		t.Error("no ProConnect button on the sign-in page")
	}
	if rec := b.signInAt(p, "/connexion/proconnect"); rec.Header().Get("Location") != "/espace" {
		t.Errorf("multi-factor agent sent to %q", rec.Header().Get("Location"))
	}
	if b.visit("GET", "/espace", nil).Code != http.StatusOK {
		t.Error("the agent's space is closed after a multi-factor sign-in")
	}
	p.Set(agent("simple"))
	p.ACR = "eidas1"
	if rec := newBrowser(t, ts).signInAt(p, "/connexion/proconnect"); rec.Header().Get("Location") != "/connexion/second-facteur/activer" {
		t.Errorf("single-factor agent sent to %q", rec.Header().Get("Location"))
	}
	other := agent("ailleurs")
	other["siret"] = "99999999900011"
	p.Set(other)
	if rec := newBrowser(t, ts).signInAt(p, "/connexion/proconnect"); rec.Code != http.StatusForbidden {
		t.Errorf("agent of another organisation: %d", rec.Code)
	}
}
