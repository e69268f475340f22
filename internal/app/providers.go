package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/go-jose/go-jose/v4"

	"guichet/internal/identity"
)

// providers are the identity providers of the configuration.
type providers struct {
	citizen, staff *identity.OIDC
	publicKeys     []byte // Guichet's JWKS for FranceConnect+, else empty
}

// identityProviders reads the discovery documents of the configured
// providers: the citizens' (--oidc-*) and the staff's ProConnect
// (--proconnect-*). Their addresses back to Guichet are fixed, to be
// registered with the provider: /connexion/oidc/retour (or
// /connexion/proconnect/retour), /deconnexion/retour after sign-out, and
// /oidc/jwks for FranceConnect+'s encryption keys.
func (a *App) identityProviders(ctx context.Context) (providers, error) {
	var out providers
	c := a.Config
	if c.OIDCIssuer != "" {
		profile, err := identity.ProfileByKey(c.OIDCProfile)
		if err != nil {
			return out, err
		}
		var keys *jose.JSONWebKeySet
		if profile.Encrypted {
			if keys, err = identity.LoadOrCreateDecryptionKeys(c.OIDCKeys); err != nil {
				return out, err
			}
			if out.publicKeys, err = json.Marshal(identity.PublicKeys(keys)); err != nil {
				return out, err
			}
		}
		if out.citizen, err = a.provider(ctx, profile, c.OIDCIssuer, c.OIDCClientID, c.OIDCClientSecret, "/connexion/oidc", keys); err != nil {
			return out, err
		}
	}
	if c.ProConnectIssuer != "" {
		var err error
		out.staff, err = a.provider(ctx, identity.Profiles["proconnect"], c.ProConnectIssuer, c.ProConnectClientID,
			c.ProConnectClientSecret, "/connexion/proconnect", nil)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func (a *App) provider(ctx context.Context, p identity.Profile, issuer, id, secret, path string, keys *jose.JSONWebKeySet) (*identity.OIDC, error) {
	iss, err := p.Issuer(issuer)
	if err != nil {
		return nil, err
	}
	o, err := identity.NewOIDC(ctx, identity.OIDCConfig{Profile: p, Issuer: iss, ClientID: id, ClientSecret: secret,
		RedirectURL: a.Config.BaseURL + path + "/retour", PostLogoutRedirectURL: a.Config.BaseURL + "/deconnexion/retour",
		DecryptionKeys: keys, Name: a.Config.OIDCName})
	if err != nil {
		return nil, fmt.Errorf("le fournisseur OpenID Connect %s ne répond pas comme prévu : %w", iss, err)
	}
	return o, nil
}
