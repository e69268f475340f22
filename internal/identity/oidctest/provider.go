// Package oidctest runs an OpenID Connect provider for tests, as strict as
// FranceConnect v2: it refuses any authorisation parameter outside
// FranceConnect's list, a nonce under 22 characters (32 for ProConnect), a
// missing acr_values; it signs ID tokens and userinfo with ES256 (userinfo
// is a JWT), gives each client its own (pairwise) subject, rotates its key
// on demand and ends sessions at /session/end. With Mode
// "franceconnect-plus" it also encrypts both to the client's published keys.
// cmd/oidctest serves one for the browser journeys.
package oidctest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

// Options choose how the provider behaves; the zero value plays FranceConnect.
type Options struct {
	// Mode: "franceconnect" (default), "franceconnect-plus", "proconnect" or
	// "generic" (PKCE required, no acr, JSON userinfo, names in the ID token).
	Mode         string
	ClientID     string // default "guichet"
	ClientSecret string // default "s3cret"
	// RedirectURI and PostLogoutRedirectURI, when set, are the only
	// addresses accepted, as registered with the real providers.
	RedirectURI, PostLogoutRedirectURI string
	// ClientJWKSURL is where the client publishes its encryption keys
	// (franceconnect-plus).
	ClientJWKSURL string
	// PathPrefix is put before every endpoint, like FranceConnect's /api/v2.
	PathPrefix string
}

// Provider is an OpenID Connect provider. Its fields may be changed
// between sign-ins; Set changes the person.
type Provider struct {
	*httptest.Server
	Issuer   string
	ClientID string
	Secret   string
	opts     Options

	mu       sync.Mutex
	key      *ecdsa.PrivateKey // signs ID tokens and userinfo
	kid      string
	JWKSKey  *ecdsa.PrivateKey // published; another key makes signatures unverifiable
	codes    map[string]grant
	tokens   map[string]grant // access token -> grant, for userinfo
	idTokens map[string]bool  // issued ID tokens, for id_token_hint
	person   map[string]any   // claims of the person who signs in; "sub" is the local id
	// InToken puts the person's claims in the ID token too (generic).
	InToken bool
	// Audience, when set, replaces the client id in "aud".
	Audience string
	// ACR, when set, is returned instead of the one asked for.
	ACR string
	// AMR is returned in the ID token when set.
	AMR []string
	// TamperUserInfo changes one byte of the userinfo signature.
	TamperUserInfo bool
	// Deny answers the next authorisation requests with this error code
	// and ErrorDescription, as a person cancelling would.
	Deny, ErrorDescription string
	logouts                int // accepted /session/end requests
}

type grant struct {
	nonce, challenge, redirect, acr string
	person                          map[string]any
}

// Camille is the person who signs in unless Set says otherwise.
func Camille() map[string]any {
	return map[string]any{"sub": "camille-1", "email": "camille.martin@exemple.fr",
		"given_name": "Camille", "family_name": "Martin", "preferred_username": "",
		"birthdate": "1990-04-12", "birthplace": "75056", "birthcountry": "99100", "gender": "female"}
}

// Start runs a provider until Close.
func Start(o Options) (*Provider, error) {
	if o.Mode == "" {
		o.Mode = "franceconnect"
	}
	if o.ClientID == "" {
		o.ClientID = "guichet"
	}
	if o.ClientSecret == "" {
		o.ClientSecret = "s3cret"
	}
	p := &Provider{ClientID: o.ClientID, Secret: o.ClientSecret, opts: o,
		codes: map[string]grant{}, tokens: map[string]grant{}, idTokens: map[string]bool{},
		person: Camille(), InToken: o.Mode == "generic"}
	if err := p.Rotate(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	pre := o.PathPrefix
	mux.HandleFunc("GET "+pre+"/.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET "+pre+"/jwks", p.jwks)
	mux.HandleFunc("GET "+pre+"/authorize", p.authorize)
	mux.HandleFunc("POST "+pre+"/token", p.token)
	mux.HandleFunc("GET "+pre+"/userinfo", p.userinfo)
	mux.HandleFunc("GET "+pre+"/session/end", p.endSession)
	p.Server = httptest.NewServer(mux)
	p.Issuer = p.URL + pre
	return p, nil
}

// New starts a provider for one test; it stops when the test ends. The
// zero Options play FranceConnect: client "guichet", secret "s3cret", the
// person Camille Martin.
func New(t testing.TB, o ...Options) *Provider {
	t.Helper()
	var opts Options
	if len(o) > 0 {
		opts = o[0]
	}
	p, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// Rotate replaces the signing key with a new one of a new key id, and
// publishes only the new one, as a provider rotating its keys does.
func (p *Provider) Rotate() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.key, p.JWKSKey, p.kid = key, key, "k-"+randomCode()[:8]
	return nil
}

// Set changes the claims of the person who signs in next.
func (p *Provider) Set(claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.person = claims
}

// Logouts counts the accepted /session/end requests.
func (p *Provider) Logouts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logouts
}

// Subject returns the pairwise subject the client sees for local id: each
// client of the provider gets a different one for the same person.
func (p *Provider) Subject(local string) string {
	if p.opts.Mode == "generic" {
		return local
	}
	sum := sha256.Sum256([]byte(p.ClientID + "|" + local))
	return hex.EncodeToString(sum[:])
}

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                p.Issuer,
		"authorization_endpoint":                p.Issuer + "/authorize",
		"token_endpoint":                        p.Issuer + "/token",
		"jwks_uri":                              p.Issuer + "/jwks",
		"userinfo_endpoint":                     p.Issuer + "/userinfo",
		"end_session_endpoint":                  p.Issuer + "/session/end",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"ES256"},
		"userinfo_signing_alg_values_supported": []string{"ES256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_post"},
		"acr_values_supported":                  []string{"eidas1", "eidas2", "eidas3"},
	})
}

func (p *Provider) jwks(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &p.JWKSKey.PublicKey, KeyID: p.kid, Algorithm: string(jose.ES256), Use: "sig"},
	}})
}

// SignIn follows authURL to the provider as a browser would and returns
// the code and state it sends back.
func (p *Provider) SignIn(t testing.TB, authURL string) (code, state string) {
	t.Helper()
	loc, err := p.Follow(authURL)
	if err != nil {
		t.Fatal(err)
	}
	return loc.Query().Get("code"), loc.Query().Get("state")
}

// Follow requests authURL without following the redirect and returns
// where the provider sends the browser back.
func (p *Provider) Follow(authURL string) (*url.URL, error) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		var body struct {
			Error string `json:"error_description"`
		}
		json.NewDecoder(resp.Body).Decode(&body)
		return nil, fmt.Errorf("authorize: status %d: %s", resp.StatusCode, body.Error)
	}
	return url.Parse(resp.Header.Get("Location"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func randomCode() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
