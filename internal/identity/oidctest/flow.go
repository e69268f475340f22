package oidctest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// allowed are the only parameters FranceConnect's /authorize accepts; it
// answers invalid_request to anything else, PKCE included.
var allowed = []string{"client_id", "acr_values", "claims", "response_type", "nonce", "state",
	"redirect_uri", "scope", "prompt", "idp_hint", "ui_locales"}

func authError(w http.ResponseWriter, desc string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request", "error_description": desc})
}

// checkAuthorize returns why the request must be refused, or "".
func (p *Provider) checkAuthorize(q url.Values) string {
	mode := p.opts.Mode
	ok := allowed
	minNonce := 22
	switch mode {
	case "proconnect":
		ok = append(slices.Clone(allowed), "code_challenge", "code_challenge_method", "login_hint", "siret_hint")
		minNonce = 32
	case "generic":
		ok = nil
	}
	for k := range q {
		if ok != nil && !slices.Contains(ok, k) {
			return "parameter not allowed: " + k
		}
	}
	scopes := strings.Fields(q.Get("scope"))
	switch {
	case q.Get("response_type") != "code":
		return "response_type must be code"
	case q.Get("client_id") != p.ClientID:
		return "unknown client"
	case p.opts.RedirectURI != "" && q.Get("redirect_uri") != p.opts.RedirectURI:
		return "redirect_uri is not registered"
	case q.Get("redirect_uri") == "":
		return "redirect_uri is missing"
	case !slices.Contains(scopes, "openid"):
		return "scope openid is missing"
	case mode != "generic" && len(q.Get("nonce")) < minNonce:
		return fmt.Sprintf("nonce shorter than %d characters", minNonce)
	case mode != "generic" && len(q.Get("state")) < minNonce:
		return fmt.Sprintf("state shorter than %d characters", minNonce)
	case (mode == "franceconnect" || mode == "franceconnect-plus") && q.Get("acr_values") == "":
		return "acr_values is missing"
	case mode == "franceconnect" && q.Get("acr_values") != "eidas1":
		return "acr_values must be eidas1"
	case mode == "franceconnect-plus" && q.Get("acr_values") != "eidas2" && q.Get("acr_values") != "eidas3":
		return "acr_values must be eidas2 or eidas3"
	case mode == "generic" && (q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == ""):
		return "PKCE S256 is required"
	}
	return ""
}

func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if why := p.checkAuthorize(q); why != "" {
		authError(w, why)
		return
	}
	back, _ := url.Parse(q.Get("redirect_uri"))
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.Deny != "" {
		back.RawQuery = url.Values{"error": {p.Deny}, "error_description": {p.ErrorDescription}, "state": {q.Get("state")}}.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
		return
	}
	acr, err := p.grantedACR(q)
	if err != "" {
		authError(w, err)
		return
	}
	code := randomCode()
	p.codes[code] = grant{nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri"),
		acr: acr, person: maps.Clone(p.person)}
	back.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// grantedACR is the acr the ID token will carry: the one asked for, or
// ProConnect's first asked value (eidas1 unless the test sets ACR).
func (p *Provider) grantedACR(q url.Values) (string, string) {
	switch p.opts.Mode {
	case "generic":
		return p.ACR, ""
	case "proconnect":
		var c struct {
			IDToken struct {
				ACR struct {
					Values []string `json:"values"`
				} `json:"acr"`
			} `json:"id_token"`
		}
		if raw := q.Get("claims"); raw != "" {
			if err := json.Unmarshal([]byte(raw), &c); err != nil {
				return "", "claims is not JSON"
			}
		}
		values := c.IDToken.ACR.Values
		if p.ACR != "" {
			return p.ACR, ""
		}
		if len(values) == 0 {
			return "eidas1", ""
		}
		return values[0], ""
	}
	if p.ACR != "" {
		return p.ACR, ""
	}
	return q.Get("acr_values"), ""
}

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if _, _, basic := r.BasicAuth(); basic && p.opts.Mode != "generic" {
		// FranceConnect registers client_secret_post.
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	if p.opts.Mode == "generic" {
		if bid, bsecret, ok := r.BasicAuth(); ok {
			id, secret = bid, bsecret
		}
	}
	code := r.PostForm.Get("code")
	p.mu.Lock()
	g, found := p.codes[code]
	delete(p.codes, code) // a code works once
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	switch {
	case id != p.ClientID || secret != p.Secret:
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
	case !found || r.PostForm.Get("grant_type") != "authorization_code" || r.PostForm.Get("redirect_uri") != g.redirect:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
	case g.challenge != "" && base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"}) // PKCE verifier does not match
	case g.challenge == "" && r.PostForm.Get("code_verifier") != "":
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
	default:
		idt, err := p.idToken(g)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		access := "at-" + randomCode()
		p.mu.Lock()
		p.tokens[access] = g
		p.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 60, "id_token": idt})
	}
}

func (p *Provider) idToken(g grant) (string, error) {
	p.mu.Lock()
	aud := p.ClientID
	if p.Audience != "" {
		aud = p.Audience
	}
	now := time.Now()
	claims := map[string]any{"iss": p.Issuer, "aud": aud, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix(),
		"nonce": g.nonce, "sub": p.Subject(g.person["sub"].(string))}
	if g.acr != "" {
		claims["acr"] = g.acr
	}
	if len(p.AMR) > 0 {
		claims["amr"] = p.AMR
	}
	if p.InToken {
		for k, v := range g.person {
			if k != "sub" {
				claims[k] = v
			}
		}
	}
	p.mu.Unlock()
	raw, err := p.sign(claims, false)
	if err == nil && p.opts.Mode == "franceconnect-plus" {
		raw, err = p.encrypt(raw)
	}
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	p.idTokens[raw] = true // the client sends it back as id_token_hint
	p.mu.Unlock()
	return raw, nil
}

// sign returns claims as a compact ES256 JWT with the current key id.
func (p *Provider) sign(claims map[string]any, tamper bool) (string, error) {
	p.mu.Lock()
	key, kid := p.key, p.kid
	p.mu.Unlock()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		return "", err
	}
	payload, _ := json.Marshal(claims)
	obj, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	raw, err := obj.CompactSerialize()
	if err != nil || !tamper {
		return raw, err
	}
	sig := []byte(raw[strings.LastIndex(raw, ".")+1:])
	if sig[0] == 'A' {
		sig[0] = 'B'
	} else {
		sig[0] = 'A'
	}
	return raw[:strings.LastIndex(raw, ".")+1] + string(sig), nil
}
