package oidctest

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// userinfo answers the person's claims as an ES256 JWT (JSON for generic),
// encrypted to the client's keys for FranceConnect+.
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	access := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	g, ok := p.tokens[access]
	tamper := p.TamperUserInfo
	p.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	claims := map[string]any{}
	for k, v := range g.person {
		claims[k] = v
	}
	claims["sub"] = p.Subject(g.person["sub"].(string))
	if p.opts.Mode == "generic" {
		writeJSON(w, http.StatusOK, claims)
		return
	}
	now := time.Now()
	claims["iss"], claims["aud"], claims["iat"], claims["exp"] = p.Issuer, p.ClientID, now.Unix(), now.Add(time.Minute).Unix()
	raw, err := p.sign(claims, tamper)
	if err == nil && p.opts.Mode == "franceconnect-plus" {
		raw, err = p.encrypt(raw)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/jwt")
	w.Write([]byte(raw))
}

// encrypt seals a signed JWT to the client's first encryption key,
// fetched from its published JWKS, as FranceConnect+ does.
func (p *Provider) encrypt(signed string) (string, error) {
	if p.opts.ClientJWKSURL == "" {
		return "", errors.New("franceconnect-plus needs the client's JWKS address")
	}
	resp, err := http.Get(p.opts.ClientJWKSURL)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		return "", err
	}
	var key *jose.JSONWebKey
	for i, k := range set.Keys {
		if k.Use == "enc" || k.Use == "" {
			key = &set.Keys[i]
			break
		}
	}
	if key == nil {
		return "", errors.New("the client publishes no encryption key")
	}
	alg := jose.KeyAlgorithm(key.Algorithm)
	if alg == "" {
		alg = jose.RSA_OAEP
	}
	enc, err := jose.NewEncrypter(jose.A256GCM, jose.Recipient{Algorithm: alg, Key: key.Key, KeyID: key.KeyID},
		(&jose.EncrypterOptions{}).WithType("JWT").WithContentType("JWT"))
	if err != nil {
		return "", err
	}
	obj, err := enc.Encrypt([]byte(signed))
	if err != nil {
		return "", err
	}
	return obj.CompactSerialize()
}

// endSession ends the person's session at the provider, as FranceConnect's
// /session/end: id_token_hint, state and post_logout_redirect_uri are all
// required, the hint must be an ID token it issued, and the address the
// registered one. It sends the browser back with the state.
func (p *Provider) endSession(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	known := p.idTokens[q.Get("id_token_hint")]
	p.mu.Unlock()
	back := q.Get("post_logout_redirect_uri")
	switch {
	case q.Get("state") == "":
		authError(w, "state is missing")
		return
	case !known:
		authError(w, "id_token_hint is not an ID token of this provider")
		return
	case back == "" || (p.opts.PostLogoutRedirectURI != "" && back != p.opts.PostLogoutRedirectURI):
		authError(w, "post_logout_redirect_uri is not registered")
		return
	}
	u, err := url.Parse(back)
	if err != nil {
		authError(w, "post_logout_redirect_uri is not an address")
		return
	}
	p.mu.Lock()
	p.logouts++
	p.mu.Unlock()
	u.RawQuery = url.Values{"state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}
