package auth

import (
	"net/http"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// BearerToken is the JSON API's credential: an organisation's API token
// sent as "Authorization: Bearer TOKEN". The API loads this source only,
// never the session cookie, so that a page of another site cannot make a
// signed-in person's browser act on the API.
type BearerToken struct {
	Identity *identity.Service
}

// Authenticate looks up the token the Authorization header carries.
func (b BearerToken) Authenticate(r *http.Request) (*Principal, error) {
	secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return nil, nil
	}
	t, err := b.Identity.APITokenBySecret(r.Context(), strings.TrimSpace(secret))
	if err != nil {
		return nil, err
	}
	return &Principal{APIToken: t}, nil
}

// Forget does nothing: the client keeps its token, which answers 401.
func (BearerToken) Forget(http.ResponseWriter) {}

// ErrTokenNeeded: an API route that writes needs a valid token (an
// unknown or revoked one is dropped by Load, and lands here too).
var ErrTokenNeeded = errs.E(errs.Unauthorized, "Cette adresse de l'API demande un jeton d'API valable de votre organisation, "+
	"envoyé dans l'en-tête « Authorization: Bearer JETON ». Un jeton retiré ne marche plus : demandez-en un nouveau à l'administrateur de votre organisation.")

// ErrReadOnlyToken: a read-only token asked to change something.
var ErrReadOnlyToken = errs.E(errs.Forbidden, "Ce jeton d'API est en lecture seule : il peut lire les dossiers, pas les changer. "+
	"Demandez à l'administrateur de votre organisation un jeton qui peut écrire.")

// TokenMayActFor tells whether the API token of r may act on what belongs
// to the organisation orgID: its own organisation's, or every
// organisation's for an observatory's token.
func TokenMayActFor(r *http.Request, orgID int64) bool {
	p := PrincipalOf(r)
	if p == nil || p.APIToken == nil {
		return false
	}
	return p.APIToken.Org.ID == orgID || p.APIToken.Observatory
}
