// Package oidctest runs a small OpenID Connect provider for tests:
// discovery, keys, an authorisation endpoint that signs in one configured
// person at once, a token endpoint checking the client and PKCE, userinfo.
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Provider is an OpenID Connect provider started for one test.
type Provider struct {
	*httptest.Server
	t        testing.TB
	key      *rsa.PrivateKey // signs ID tokens
	JWKSKey  *rsa.PrivateKey // published; set another key to test bad signatures
	ClientID string
	Secret   string

	mu       sync.Mutex
	codes    map[string]authGrant
	person   map[string]any // claims of the person who signs in
	InToken  bool           // false: e-mail and names only at userinfo
	Audience string         // when set, replaces the client id in "aud"
}

type authGrant struct {
	nonce, challenge, redirect string
}

// New starts a provider; it stops when the test ends. Its client is
// "guichet" with secret "s3cret"; the person is Camille Martin.
func New(t testing.TB) *Provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{t: t, key: key, JWKSKey: key, ClientID: "guichet", Secret: "s3cret",
		codes: map[string]authGrant{}, InToken: true,
		person: map[string]any{"sub": "fc-123", "email": "Camille@Exemple.fr", "email_verified": true,
			"given_name": "Camille", "family_name": "Martin"}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /userinfo", p.userinfo)
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	return p
}

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(map[string]any{
		"issuer":                                p.URL,
		"authorization_endpoint":                p.URL + "/authorize",
		"token_endpoint":                        p.URL + "/token",
		"jwks_uri":                              p.URL + "/jwks",
		"userinfo_endpoint":                     p.URL + "/userinfo",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
	})
}

func (p *Provider) jwks(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &p.JWKSKey.PublicKey, KeyID: "k1", Algorithm: string(jose.RS256), Use: "sig"},
	}})
}

func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	scopes := " " + q.Get("scope") + " "
	if q.Get("response_type") != "code" || q.Get("client_id") != p.ClientID || q.Get("code_challenge_method") != "S256" ||
		q.Get("code_challenge") == "" || !strings.Contains(scopes, " openid ") || !strings.Contains(scopes, " email ") {
		http.Error(w, "bad authorisation request", http.StatusBadRequest)
		return
	}
	code := randomCode()
	p.mu.Lock()
	p.codes[code] = authGrant{nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri")}
	p.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	v := url.Values{"code": {code}, "state": {q.Get("state")}}
	back.RawQuery = v.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	p.mu.Lock()
	grant, found := p.codes[r.PostForm.Get("code")]
	delete(p.codes, r.PostForm.Get("code")) // a code works once
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	switch {
	case id != p.ClientID || secret != p.Secret:
		tokenError(w, "invalid_client")
	case !found || r.PostForm.Get("grant_type") != "authorization_code" || r.PostForm.Get("redirect_uri") != grant.redirect:
		tokenError(w, "invalid_grant")
	case base64.RawURLEncoding.EncodeToString(sum[:]) != grant.challenge:
		tokenError(w, "invalid_grant") // PKCE verifier does not match
	default:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"access_token": "at-" + p.person["sub"].(string), "token_type": "Bearer", "expires_in": 60,
			"id_token": p.idToken(grant.nonce),
		})
	}
}

func tokenError(w http.ResponseWriter, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code})
}

func (p *Provider) idToken(nonce string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	aud := p.ClientID
	if p.Audience != "" {
		aud = p.Audience
	}
	now := time.Now()
	claims := map[string]any{"iss": p.URL, "aud": aud, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix(), "nonce": nonce}
	for k, v := range p.person {
		if p.InToken || k == "sub" {
			claims[k] = v
		}
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		p.t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	obj, err := signer.Sign(payload)
	if err != nil {
		p.t.Fatal(err)
	}
	raw, err := obj.CompactSerialize()
	if err != nil {
		p.t.Fatal(err)
	}
	return raw
}

func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer at-"+p.person["sub"].(string) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(p.person)
}

// Set changes the claims of the person who signs in next.
func (p *Provider) Set(claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.person = claims
}

// SignIn follows authURL to the provider as a browser would and returns
// the code and state it sends back.
func (p *Provider) SignIn(t testing.TB, authURL string) (code, state string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize: status %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return loc.Query().Get("code"), loc.Query().Get("state")
}

func randomCode() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
