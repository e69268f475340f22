package identity

import (
	"fmt"
	"slices"
	"strings"
)

// Profile is what differs from one OpenID Connect provider to another:
// what Guichet asks for and what it accepts back. FranceConnect refuses any
// authorisation parameter it does not know (PKCE included), so each
// provider gets exactly the parameters it expects.
type Profile struct {
	Key      string // as in --oidc-profile: franceconnect, franceconnect-plus, proconnect, generic
	Name     string // on the button: « S’identifier avec <Name> »
	AboutURL string // the provider's « Qu’est-ce que … ? » page; empty for generic
	Scopes   []string
	// ACRValues is sent as acr_values; Claims, when set, as the claims
	// parameter instead (ProConnect asks for acr this way).
	ACRValues []string
	Claims    string
	// AcceptedACR lists the acr values the ID token may return; empty
	// accepts any (generic).
	AcceptedACR []string
	// MFAACR lists the acr values that prove a multi-factor sign-in.
	MFAACR []string
	PKCE   bool
	// SecretInBody sends the client secret in the token request's body
	// (client_secret_post), as FranceConnect requires.
	SecretInBody bool
	// Encrypted: the ID token and userinfo come encrypted to Guichet's own
	// keys (FranceConnect+).
	Encrypted bool
	// Sandbox and Production are the issuers of the provider's two
	// environments, chosen with --oidc-issuer sandbox|production.
	Sandbox, Production string
}

var fcScopes = []string{"openid", "given_name", "family_name", "birthdate", "birthplace", "birthcountry",
	"gender", "preferred_username", "email"}

// mfaACR are the eIDAS levels ProConnect returns after a multi-factor sign-in.
var mfaACR = []string{"eidas1-mfa", "eidas2", "eidas3"}

// Profiles are the providers Guichet knows, by --oidc-profile value.
var Profiles = map[string]Profile{
	"franceconnect": {
		Key: "franceconnect", Name: "FranceConnect", AboutURL: "https://franceconnect.gouv.fr/",
		Scopes: fcScopes, ACRValues: []string{"eidas1"}, AcceptedACR: []string{"eidas1", "eidas2", "eidas3"},
		MFAACR: []string{"eidas2", "eidas3"}, SecretInBody: true,
		Sandbox:    "https://fcp-low.sbx.dev-franceconnect.fr/api/v2",
		Production: "https://oidc.franceconnect.gouv.fr/api/v2",
	},
	"franceconnect-plus": {
		Key: "franceconnect-plus", Name: "FranceConnect+", AboutURL: "https://franceconnect.gouv.fr/france-connect-plus",
		Scopes: fcScopes, ACRValues: []string{"eidas2"}, AcceptedACR: []string{"eidas2", "eidas3"},
		MFAACR: []string{"eidas2", "eidas3"}, SecretInBody: true, Encrypted: true,
		Sandbox:    "https://auth.integ01.dev-franceconnect.fr/api/v2",
		Production: "https://auth.franceconnect.gouv.fr/api/v2",
	},
	"proconnect": {
		Key: "proconnect", Name: "ProConnect", AboutURL: "https://www.proconnect.gouv.fr/",
		Scopes: []string{"openid", "given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label"},
		// Multi-factor levels are asked for; a plain eidas1 is accepted too,
		// and the agent then gives Guichet's own second factor.
		Claims:      `{"id_token":{"acr":{"essential":true,"values":["eidas1","eidas1-mfa","eidas2","eidas3"]},"amr":{"essential":true}}}`,
		AcceptedACR: []string{"eidas1", "eidas1-mfa", "eidas2", "eidas3"},
		MFAACR:      mfaACR, PKCE: true,
		Sandbox:    "https://fca.integ01.dev-agentconnect.fr/api/v2",
		Production: "https://auth.agentconnect.gouv.fr/api/v2",
	},
	"generic": {
		Key: "generic", Name: "", Scopes: []string{"openid", "email", "profile"}, PKCE: true,
	},
}

// ProfileByKey returns the profile named key, as given in the configuration.
func ProfileByKey(key string) (Profile, error) {
	p, ok := Profiles[key]
	if !ok {
		return Profile{}, fmt.Errorf("unknown openid connect profile %q: use franceconnect, franceconnect-plus, proconnect or generic", key)
	}
	return p, nil
}

// Issuer turns the configured issuer into an address: "sandbox" and
// "production" stand for the profile's presets.
func (p Profile) Issuer(configured string) (string, error) {
	switch configured {
	case "sandbox", "production":
		v := p.Sandbox
		if configured == "production" {
			v = p.Production
		}
		if v == "" {
			return "", fmt.Errorf("the %s profile has no %s preset: give the issuer's address", p.Key, configured)
		}
		return v, nil
	}
	return strings.TrimSuffix(configured, "/"), nil
}

// acceptsACR tells whether the acr the ID token returned is one asked for.
func (p Profile) acceptsACR(acr string) bool {
	return len(p.AcceptedACR) == 0 || slices.Contains(p.AcceptedACR, acr)
}

// MultiFactor tells whether acr or amr prove a multi-factor sign-in.
func (p Profile) MultiFactor(acr string, amr []string) bool {
	if slices.Contains(p.MFAACR, acr) {
		return true
	}
	return slices.Contains(amr, "mfa")
}
