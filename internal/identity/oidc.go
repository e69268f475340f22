package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"
)

// clockSkew is how far the provider's clock may be from ours when
// checking the expiry and issue time of its tokens.
const clockSkew = time.Minute

// OIDCConfig names an OpenID Connect provider and this instance's client
// registered with it.
type OIDCConfig struct {
	Profile      Profile // Profiles["generic"] when zero
	Issuer       string  // as in the provider's discovery document
	ClientID     string
	ClientSecret string
	RedirectURL  string // BaseURL + the callback path
	// PostLogoutRedirectURL is the address registered with the provider
	// for the browser's return after its end-session endpoint.
	PostLogoutRedirectURL string
	// DecryptionKeys are Guichet's private keys the provider encrypts to
	// (FranceConnect+); their public half is published by Guichet.
	DecryptionKeys *jose.JSONWebKeySet
	Name           string // shown on the button when the profile has no name
}

// OIDC signs people in with one OpenID Connect provider using the
// authorisation code flow, shaped by its Profile. It is safe for
// concurrent use.
type OIDC struct {
	profile    Profile
	name       string
	issuer     string
	clientID   string
	provider   *oidc.Provider
	keys       *oidc.RemoteKeySet
	verifier   *oidc.IDTokenVerifier
	oauth      oauth2.Config
	endSession string
	postLogout string
	decrypt    *jose.JSONWebKeySet
}

// NewOIDC reads the provider's discovery document. Its signing keys are
// fetched when first needed, and again whenever a token names a key id
// not seen yet (the provider rotated its keys).
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Profile.Key == "" {
		cfg.Profile = Profiles["generic"]
	}
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("openid connect: issuer, client id and redirect URL are required")
	}
	if cfg.Profile.Encrypted && (cfg.DecryptionKeys == nil || len(cfg.DecryptionKeys.Keys) == 0) {
		return nil, fmt.Errorf("openid connect: the %s profile needs decryption keys", cfg.Profile.Key)
	}
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("openid connect discovery: %w", err)
	}
	var meta struct {
		JWKS       string `json:"jwks_uri"`
		EndSession string `json:"end_session_endpoint"`
	}
	if err := p.Claims(&meta); err != nil || meta.JWKS == "" {
		return nil, fmt.Errorf("openid connect discovery: no jwks_uri (%v)", err)
	}
	// The key set lives as long as the process: it must not use the
	// start-up context, which may end.
	keys := oidc.NewRemoteKeySet(context.WithoutCancel(ctx), meta.JWKS)
	name := cfg.Profile.Name
	if name == "" {
		name = cfg.Name
	}
	if name == "" {
		name = "FranceConnect"
	}
	endpoint := p.Endpoint()
	if cfg.Profile.SecretInBody {
		endpoint.AuthStyle = oauth2.AuthStyleInParams
	}
	return &OIDC{
		profile: cfg.Profile, name: name, issuer: cfg.Issuer, clientID: cfg.ClientID, provider: p, keys: keys,
		verifier: oidc.NewVerifier(cfg.Issuer, keys, &oidc.Config{
			ClientID:             cfg.ClientID,
			SupportedSigningAlgs: []string{oidc.ES256, oidc.RS256},
			Now:                  func() time.Time { return time.Now().Add(-clockSkew) },
		}),
		oauth: oauth2.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: endpoint, Scopes: cfg.Profile.Scopes,
		},
		endSession: meta.EndSession, postLogout: cfg.PostLogoutRedirectURL, decrypt: cfg.DecryptionKeys,
	}, nil
}

// Name returns the provider's name for the sign-in button.
func (o *OIDC) Name() string { return o.name }

// Profile returns the provider's profile.
func (o *OIDC) Profile() Profile { return o.profile }

// Issuer returns the provider's issuer, which keys the accounts it signs in.
func (o *OIDC) Issuer() string { return o.issuer }

// AuthRequest holds the random values of one sign-in with the provider.
type AuthRequest struct {
	State, Nonce, Verifier string
}

// NewAuthRequest returns fresh random values for AuthURL and Exchange:
// state and nonce of 64 hexadecimal characters, as FranceConnect asks
// (it refuses a nonce under 22 characters, ProConnect under 32).
func NewAuthRequest() AuthRequest {
	return AuthRequest{State: randomHex(), Nonce: randomHex(), Verifier: oauth2.GenerateVerifier()}
}

func randomHex() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// AuthURL returns the provider's address to send the browser to, with
// only the parameters its profile allows. The caller keeps req in the
// browser (a short cookie), checks state on return and gives req to
// Exchange.
func (o *OIDC) AuthURL(req AuthRequest) string {
	opts := []oauth2.AuthCodeOption{oidc.Nonce(req.Nonce)}
	if len(o.profile.ACRValues) > 0 {
		opts = append(opts, oauth2.SetAuthURLParam("acr_values", strings.Join(o.profile.ACRValues, " ")))
	}
	if o.profile.Claims != "" {
		opts = append(opts, oauth2.SetAuthURLParam("claims", o.profile.Claims))
	}
	if o.profile.PKCE {
		opts = append(opts, oauth2.S256ChallengeOption(req.Verifier))
	}
	return o.oauth.AuthCodeURL(req.State, opts...)
}

// Exchange trades the code the provider returned for tokens, verifies the
// ID token (signature, issuer, audience, expiry, nonce, acr), completes it
// from the verified userinfo and returns the claims.
func (o *OIDC) Exchange(ctx context.Context, code string, req AuthRequest) (Claims, error) {
	if code == "" || req.Nonce == "" {
		return Claims{}, errors.New("openid connect: missing code or nonce")
	}
	var opts []oauth2.AuthCodeOption
	if o.profile.PKCE {
		opts = append(opts, oauth2.VerifierOption(req.Verifier))
	}
	tok, err := o.oauth.Exchange(ctx, code, opts...)
	if err != nil {
		return Claims{}, fmt.Errorf("openid connect token exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Claims{}, errors.New("openid connect: the token response has no id_token")
	}
	signed, err := o.decrypted(raw)
	if err != nil {
		return Claims{}, fmt.Errorf("openid connect ID token: %w", err)
	}
	idt, err := o.verifier.Verify(ctx, signed)
	if err != nil {
		return Claims{}, fmt.Errorf("openid connect: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(req.Nonce)) != 1 {
		return Claims{}, errors.New("openid connect: the ID token's nonce is not the one sent")
	}
	c, err := idTokenClaims(idt)
	if err != nil {
		return Claims{}, err
	}
	if !o.profile.acceptsACR(c.ACR) {
		return Claims{}, fmt.Errorf("openid connect: acr %q is not one asked for", c.ACR)
	}
	c.Profile, c.IDToken = o.profile.Key, raw
	if o.provider.UserInfoEndpoint() != "" && (o.profile.Key != "generic" || c.Email == "") {
		if err := o.fillFromUserInfo(ctx, tok, &c); err != nil {
			return Claims{}, err
		}
	}
	c.MultiFactor = o.profile.MultiFactor(c.ACR, c.AMR)
	return c, nil
}

// decrypted returns the signed token inside raw: raw itself when it is
// signed only, the decrypted content when it is encrypted (five parts) to
// one of Guichet's keys. An encrypted profile accepts nothing else.
func (o *OIDC) decrypted(raw string) (string, error) {
	if !o.profile.Encrypted {
		return raw, nil
	}
	jwe, err := jose.ParseEncrypted(raw,
		[]jose.KeyAlgorithm{jose.RSA_OAEP, jose.RSA_OAEP_256, jose.ECDH_ES, jose.ECDH_ES_A256KW},
		[]jose.ContentEncryption{jose.A256GCM})
	if err != nil {
		return "", fmt.Errorf("not encrypted as expected: %w", err)
	}
	keys := o.decrypt.Keys
	if kid := jwe.Header.KeyID; kid != "" {
		keys = o.decrypt.Key(kid)
	}
	for _, k := range keys {
		if plain, err := jwe.Decrypt(k.Key); err == nil {
			return string(plain), nil
		}
	}
	return "", errors.New("encrypted to a key Guichet does not hold")
}

// EndSessionURL returns the provider's end-session address for the browser,
// or "" when the provider has none. idToken is the raw ID token of the
// sign-in; state is checked when the browser comes back.
func (o *OIDC) EndSessionURL(idToken, state string) string {
	if o.endSession == "" || idToken == "" || o.postLogout == "" {
		return ""
	}
	u, err := url.Parse(o.endSession)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("id_token_hint", idToken)
	q.Set("state", state)
	q.Set("post_logout_redirect_uri", o.postLogout)
	u.RawQuery = q.Encode()
	return u.String()
}
