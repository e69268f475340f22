package auth

import (
	"net/http"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// Rule says who may use a route. Every route of every surface declares
// one; Check enforces it on the server before the handler runs.
type Rule struct {
	Name string
	// SignedIn requires an account; Roles, when set, requires one of them,
	// in the organisation of the route's {org} path value when it has one.
	SignedIn bool
	Roles    []identity.Role
	// PendingOK lets a staff member in before the second factor, for the
	// second-factor pages themselves.
	PendingOK bool
	// Platform admits only the platform's administrators (User.
	// IsPlatformAdmin), not those of another organisation.
	Platform bool
	// Token requires an organisation's API token (the API's writes); the
	// handler then checks the token's organisation with TokenMayActFor.
	Token bool
	// Write, with Token, refuses a read-only token (403).
	Write bool
}

// The rules most routes use.
var (
	Anyone              = Rule{Name: "anyone"}
	SignedIn            = Rule{Name: "signed-in", SignedIn: true}
	SecondFactorPending = Rule{Name: "second-factor", SignedIn: true, PendingOK: true}
	// PlatformAdmin is for the pages that act on the whole platform.
	PlatformAdmin = Rule{Name: "platform-admin", SignedIn: true, Roles: []identity.Role{identity.RoleAdmin}, Platform: true}
	// OrgToken admits a request carrying a live API token of any organisation.
	OrgToken = Rule{Name: "org-token", Token: true}
	// OrgTokenWrite admits a live API token that may write (not read-only).
	OrgTokenWrite = Rule{Name: "org-token-write", Token: true, Write: true}
)

// Staff admits members holding one of roles. When the route has an {org}
// path value, the role must be held in that organisation: staff of one
// organisation never see another's pages.
func Staff(roles ...identity.Role) Rule {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return Rule{Name: "staff:" + strings.Join(names, ","), SignedIn: true, Roles: roles}
}

// The answers of Check that a surface may turn into a next step rather
// than a refusal (errors.Is tells them apart).
var (
	// ErrSignInNeeded: nobody is signed in.
	ErrSignInNeeded = errs.E(errs.Unauthorized, "Connectez-vous pour continuer.")
	// ErrSecondFactorNeeded: a staff member must give their second factor.
	ErrSecondFactorNeeded = errs.E(errs.Unauthorized, "Confirmez votre connexion avec votre code à usage unique.")
	// ErrEnrolNeeded: a staff member must first turn on a second factor.
	ErrEnrolNeeded = errs.E(errs.Unauthorized, "Activez la double authentification pour continuer.")
	// ErrForbidden: the person is signed in but their roles do not allow it.
	ErrForbidden = errs.E(errs.Forbidden, "Votre compte ne permet pas d'ouvrir cette page.")
)

// Check enforces rule on r, whose principal Load has set. It returns nil
// when r may go on, or one of the Err… values above.
func Check(r *http.Request, rule Rule) error {
	if rule.Token {
		p := PrincipalOf(r)
		if p == nil || p.APIToken == nil {
			return ErrTokenNeeded
		}
		if rule.Write && p.APIToken.ReadOnly {
			return ErrReadOnlyToken
		}
		return nil
	}
	if !rule.SignedIn {
		return nil
	}
	p := PrincipalOf(r)
	if p == nil || p.User == nil {
		return ErrSignInNeeded
	}
	if !p.FullySignedIn() && !rule.PendingOK {
		if !p.User.TOTPEnabled {
			return ErrEnrolNeeded
		}
		return ErrSecondFactorNeeded
	}
	if rule.Platform {
		if p.User.IsPlatformAdmin() {
			return nil
		}
		return ErrForbidden
	}
	if len(rule.Roles) == 0 {
		return nil
	}
	org := r.PathValue("org")
	for _, role := range rule.Roles {
		for _, m := range p.User.Memberships {
			if m.Role == role && (org == "" || m.OrgSlug == org) {
				return nil
			}
		}
	}
	return ErrForbidden
}
