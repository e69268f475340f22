package identity

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/identity/oidctest"
)

const testRedirect = "https://guichet.example/connexion/oidc/retour"

// newOIDC connects a client of profile to p.
func newOIDC(t *testing.T, p *oidctest.Provider, profile string, keys ...*OIDCConfig) *OIDC {
	t.Helper()
	cfg := OIDCConfig{Profile: Profiles[profile], Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.Secret,
		RedirectURL: testRedirect, PostLogoutRedirectURL: "https://guichet.example/deconnexion/retour"}
	if len(keys) > 0 {
		cfg.DecryptionKeys = keys[0].DecryptionKeys
	}
	o, err := NewOIDC(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// roundTrip signs in at the provider and exchanges the code.
func roundTrip(t *testing.T, p *oidctest.Provider, o *OIDC) (Claims, error) {
	t.Helper()
	req := NewAuthRequest()
	code, state := p.SignIn(t, o.AuthURL(req))
	if state != req.State {
		t.Fatalf("state: got %q, want %q", state, req.State)
	}
	return o.Exchange(context.Background(), code, req)
}

var ignoreRaw = cmpopts.IgnoreFields(Claims{}, "IDToken")

func TestOIDCFranceConnect(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t, oidctest.Options{PathPrefix: "/api/v2", RedirectURI: testRedirect})
	o := newOIDC(t, p, "franceconnect")
	if o.Name() != "FranceConnect" {
		t.Errorf("Name() = %q", o.Name())
	}
	req := NewAuthRequest()
	u, _ := url.Parse(o.AuthURL(req))
	q := u.Query()
	if q.Get("acr_values") != "eidas1" || q.Has("code_challenge") || len(q.Get("nonce")) != 64 || len(q.Get("state")) != 64 {
		t.Errorf("authorisation parameters: %v", q)
	}
	claims, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{Profile: "franceconnect", Issuer: p.Issuer, Subject: p.Subject("camille-1"), Email: "camille.martin@exemple.fr",
		Name: "Camille Martin", GivenName: "Camille", FamilyName: "Martin", Birthdate: "1990-04-12", Birthplace: "75056",
		Birthcountry: "99100", Gender: "female", ACR: "eidas1"}
	if diff := cmp.Diff(want, claims, ignoreRaw); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	// The provider rotates its signing key: the client fetches the new one.
	if err := p.Rotate(); err != nil {
		t.Fatal(err)
	}
	if _, err := roundTrip(t, p, o); err != nil {
		t.Fatalf("after key rotation: %v", err)
	}
}

// TestStrictProviderRefuses checks that oidctest refuses what FranceConnect
// refuses, so that the tests above prove Guichet sends what it accepts.
func TestStrictProviderRefuses(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t)
	o := newOIDC(t, p, "franceconnect")
	good, _ := url.Parse(o.AuthURL(NewAuthRequest()))
	for name, change := range map[string]func(url.Values){
		"PKCE parameter":    func(q url.Values) { q.Set("code_challenge", "abc"); q.Set("code_challenge_method", "S256") },
		"unknown parameter": func(q url.Values) { q.Set("access_type", "offline") },
		"short nonce":       func(q url.Values) { q.Set("nonce", strings.Repeat("a", 21)) },
		"no acr_values":     func(q url.Values) { q.Del("acr_values") },
	} {
		u := *good
		q := u.Query()
		change(q)
		u.RawQuery = q.Encode()
		if _, err := p.Follow(u.String()); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := p.Follow(good.String()); err != nil {
		t.Errorf("Guichet's own request refused: %v", err)
	}
}

func TestOIDCRefusals(t *testing.T) {
	tests := []struct {
		name  string
		setup func(p *oidctest.Provider)
	}{
		{"ID token signed with a key the provider does not publish", func(p *oidctest.Provider) {
			p.JWKSKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		}},
		{"for another client", func(p *oidctest.Provider) { p.Audience = "quelqu-un-d-autre" }},
		{"tampered userinfo signature", func(p *oidctest.Provider) { p.TamperUserInfo = true }},
		{"acr other than asked", func(p *oidctest.Provider) { p.ACR = "eidas0" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := oidctest.New(t)
			o := newOIDC(t, p, "franceconnect")
			tt.setup(p)
			if c, err := roundTrip(t, p, o); err == nil {
				t.Fatalf("got claims %+v, want a refusal", c)
			}
		})
	}
	t.Run("wrong nonce, code used twice", func(t *testing.T) {
		t.Parallel()
		p := oidctest.New(t)
		o := newOIDC(t, p, "franceconnect")
		req := NewAuthRequest()
		code, _ := p.SignIn(t, o.AuthURL(req))
		other := req
		other.Nonce = NewAuthRequest().Nonce
		if _, err := o.Exchange(context.Background(), code, other); err == nil {
			t.Error("wrong nonce accepted")
		}
		if _, err := o.Exchange(context.Background(), code, req); err == nil {
			t.Error("code used twice")
		}
	})
}

func TestOIDCFranceConnectPlusDecrypts(t *testing.T) {
	t.Parallel()
	keys, err := LoadOrCreateDecryptionKeys(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	jwks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(PublicKeys(keys))
	}))
	t.Cleanup(jwks.Close)
	p := oidctest.New(t, oidctest.Options{Mode: "franceconnect-plus", ClientJWKSURL: jwks.URL})
	o := newOIDC(t, p, "franceconnect-plus", &OIDCConfig{DecryptionKeys: keys})
	c, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.ACR != "eidas2" || c.Name != "Camille Martin" || strings.Count(c.IDToken, ".") != 4 {
		t.Errorf("claims %+v", c)
	}
	// Keys Guichet does not hold cannot decrypt.
	other, _ := LoadOrCreateDecryptionKeys(filepath.Join(t.TempDir(), "other.json"))
	if _, err := roundTrip(t, p, newOIDC(t, p, "franceconnect-plus", &OIDCConfig{DecryptionKeys: other})); err == nil {
		t.Error("decrypted with the wrong keys")
	}
}

func TestOIDCProConnect(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t, oidctest.Options{Mode: "proconnect"})
	p.Set(map[string]any{"sub": "agent-1", "email": "agent@caf.fr", "given_name": "Alex", "usual_name": "Durand",
		"siret": "12345678900011", "uid": "1", "idp_id": "fia1", "organization_label": "CAF"})
	o := newOIDC(t, p, "proconnect")
	u, _ := url.Parse(o.AuthURL(NewAuthRequest()))
	if !u.Query().Has("code_challenge") || !strings.Contains(u.Query().Get("claims"), "eidas1-mfa") {
		t.Errorf("authorisation parameters: %v", u.Query())
	}
	c, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.SIRET != "12345678900011" || c.Name != "Alex Durand" || c.MultiFactor {
		t.Errorf("eidas1 claims %+v", c)
	}
	p.ACR = "eidas1-mfa"
	if c, err = roundTrip(t, p, o); err != nil || !c.MultiFactor {
		t.Errorf("eidas1-mfa: multi-factor %v, %v", c.MultiFactor, err)
	}
}

func TestOIDCGeneric(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t, oidctest.Options{Mode: "generic"})
	o := newOIDC(t, p, "generic")
	c, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != "camille-1" || c.Email != "camille.martin@exemple.fr" || c.Name != "Camille Martin" {
		t.Errorf("claims %+v", c)
	}
}

func TestEndSessionURL(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t)
	o := newOIDC(t, p, "franceconnect")
	c, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.Follow(o.EndSessionURL(c.IDToken, "etat-123"))
	if err != nil {
		t.Fatal(err)
	}
	if back.String() != "https://guichet.example/deconnexion/retour?state=etat-123" || p.Logouts() != 1 {
		t.Errorf("back to %s, %d logouts", back, p.Logouts())
	}
}
