package auth

import (
	"context"
	"net/http"

	"guichet/internal/identity"
)

// Principal is who a request comes from: a person with the session that
// proved it, or an organisation's API token.
type Principal struct {
	User    *identity.User
	Session *identity.Session
	// Token is the secret the request carried, to end this very session.
	Token string
	// APIToken is set, and User nil, when an organisation's API token made
	// the request: it acts for the organisation, not for a person.
	APIToken *identity.APIToken
}

// FullySignedIn tells whether the person is past every factor their
// account needs: staff, and whoever turned it on, need the second factor.
func (p *Principal) FullySignedIn() bool {
	return p != nil && p.User != nil && (!p.User.NeedsSecondFactor() || (p.Session != nil && p.Session.SecondFactorAt != nil))
}

type ctxKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// PrincipalOf returns the principal Load found for r, nil for an anonymous
// visitor.
func PrincipalOf(r *http.Request) *Principal {
	p, _ := r.Context().Value(ctxKey{}).(*Principal)
	return p
}

// User returns the signed-in person of r, nil for an anonymous visitor.
func User(r *http.Request) *identity.User {
	if p := PrincipalOf(r); p != nil {
		return p.User
	}
	return nil
}

// Session returns the session of r, nil for an anonymous visitor.
func Session(r *http.Request) *identity.Session {
	if p := PrincipalOf(r); p != nil {
		return p.Session
	}
	return nil
}

// Token returns the session token r carried, "" for an anonymous visitor.
func Token(r *http.Request) string {
	if p := PrincipalOf(r); p != nil {
		return p.Token
	}
	return ""
}

// FullySignedIn tells whether r comes from a person past every factor
// their account needs.
func FullySignedIn(r *http.Request) bool { return PrincipalOf(r).FullySignedIn() }
