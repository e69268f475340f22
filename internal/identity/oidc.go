package identity

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig names an OpenID Connect provider (FranceConnect or any
// compatible one) and this instance's client registered with it.
type OIDCConfig struct {
	Issuer       string // as in the provider's discovery document
	ClientID     string
	ClientSecret string
	RedirectURL  string // BaseURL + the callback path
	Name         string // shown on the sign-in button, like "FranceConnect"
}

// OIDC signs citizens in with an OpenID Connect provider using the
// authorisation code flow with PKCE. It is safe for concurrent use.
type OIDC struct {
	name     string
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
	oauth    oauth2.Config
}

// Claims is what Guichet keeps of a verified ID token (completed from the
// userinfo endpoint when the token carries no e-mail).
type Claims struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// NewOIDC reads the provider's discovery document and keys.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("openid connect: issuer, client id and redirect URL are required")
	}
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("openid connect discovery: %w", err)
	}
	name := cfg.Name
	if name == "" {
		name = "FranceConnect"
	}
	return &OIDC{
		name:     name,
		provider: p,
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		oauth: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			RedirectURL:  cfg.RedirectURL,
			Endpoint:     p.Endpoint(),
			Scopes:       []string{oidc.ScopeOpenID, "email", "profile"},
		},
	}, nil
}

// Name returns the provider's name for the sign-in button.
func (o *OIDC) Name() string { return o.name }

// AuthURL returns the provider's address to send the browser to. The caller
// makes state, nonce and verifier random (NewAuthRequest does), keeps them
// in the browser (a short cookie), checks state on return and gives nonce
// and verifier to Exchange. The verifier's S256 challenge is sent (PKCE).
func (o *OIDC) AuthURL(state, nonce, verifier string) string {
	return o.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
}

// AuthRequest holds the random values of one sign-in with the provider.
type AuthRequest struct {
	State, Nonce, Verifier string
}

// NewAuthRequest returns fresh random values for AuthURL and Exchange.
func NewAuthRequest() AuthRequest {
	return AuthRequest{State: newToken(), Nonce: newToken(), Verifier: oauth2.GenerateVerifier()}
}

// Exchange trades the code the provider returned for tokens, verifies the
// ID token (signature, issuer, audience, expiry) and that it carries nonce,
// and returns its claims.
func (o *OIDC) Exchange(ctx context.Context, code, nonce, verifier string) (Claims, error) {
	if code == "" || nonce == "" {
		return Claims{}, errors.New("openid connect: missing code or nonce")
	}
	tok, err := o.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Claims{}, fmt.Errorf("openid connect token exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return Claims{}, errors.New("openid connect: the token response has no id_token")
	}
	idt, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return Claims{}, fmt.Errorf("openid connect: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return Claims{}, errors.New("openid connect: the ID token's nonce is not the one sent")
	}
	c, err := idTokenClaims(idt)
	if err != nil {
		return Claims{}, err
	}
	if c.Email == "" && o.provider.UserInfoEndpoint() != "" {
		if err := o.fillFromUserInfo(ctx, tok, &c); err != nil {
			return Claims{}, err
		}
	}
	return c, nil
}

// rawClaims reads the standard claims, with FranceConnect's given_name and
// family_name when there is no name.
type rawClaims struct {
	Email         string `json:"email"`
	EmailVerified any    `json:"email_verified"` // some providers send "true"
	Name          string `json:"name"`
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
}

func (r rawClaims) toClaims(issuer, subject string) Claims {
	name := r.Name
	if name == "" {
		name = strings.TrimSpace(r.GivenName + " " + r.FamilyName)
	}
	verified := r.EmailVerified == true || r.EmailVerified == "true"
	return Claims{Issuer: issuer, Subject: subject, Email: r.Email, EmailVerified: verified, Name: name}
}

func idTokenClaims(idt *oidc.IDToken) (Claims, error) {
	var r rawClaims
	if err := idt.Claims(&r); err != nil {
		return Claims{}, fmt.Errorf("openid connect claims: %w", err)
	}
	if idt.Subject == "" {
		return Claims{}, errors.New("openid connect: the ID token has no subject")
	}
	return r.toClaims(idt.Issuer, idt.Subject), nil
}

// fillFromUserInfo completes c from the userinfo endpoint, as providers
// like FranceConnect send the e-mail and names only there.
func (o *OIDC) fillFromUserInfo(ctx context.Context, tok *oauth2.Token, c *Claims) error {
	info, err := o.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return fmt.Errorf("openid connect userinfo: %w", err)
	}
	if info.Subject != c.Subject {
		return errors.New("openid connect: userinfo is about another subject than the ID token")
	}
	var r rawClaims
	if err := info.Claims(&r); err != nil {
		return fmt.Errorf("openid connect userinfo claims: %w", err)
	}
	u := r.toClaims(c.Issuer, c.Subject)
	c.Email, c.EmailVerified = u.Email, u.EmailVerified
	if c.Name == "" {
		c.Name = u.Name
	}
	return nil
}
