package auth

import (
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"guichet/internal/identity"
)

// TestCheck walks the rules with the people a surface meets, without any
// page: what the API will rely on when it checks its callers.
func TestCheck(t *testing.T) {
	now := time.Now()
	citizen := &Principal{User: &identity.User{ID: 1}, Session: &identity.Session{}}
	agentCAF := &identity.User{ID: 2, Memberships: []identity.Membership{{OrgSlug: "caf", Role: identity.RoleAgent}}}
	pending := &Principal{User: agentCAF, Session: &identity.Session{}}
	enrolled := &identity.User{ID: 3, TOTPEnabled: true, Memberships: agentCAF.Memberships}
	pendingEnrolled := &Principal{User: enrolled, Session: &identity.Session{}}
	agent := &Principal{User: agentCAF, Session: &identity.Session{SecondFactorAt: &now}}
	orgAdmin := &Principal{User: &identity.User{ID: 4, Memberships: []identity.Membership{{OrgSlug: "caf", Role: identity.RoleAdmin}}},
		Session: &identity.Session{SecondFactorAt: &now}}
	platformAdmin := &Principal{User: &identity.User{ID: 5, Memberships: []identity.Membership{
		{OrgSlug: "guichet", Role: identity.RoleAdmin, Platform: true}}}, Session: &identity.Session{SecondFactorAt: &now}}
	citizenTOTP := &Principal{User: &identity.User{ID: 6, TOTPEnabled: true}, Session: &identity.Session{}}
	cafToken := &Principal{APIToken: &identity.APIToken{ID: 1, Org: identity.Organisation{ID: 10, Slug: "caf"}}}
	readOnly := &Principal{APIToken: &identity.APIToken{ID: 2, Org: identity.Organisation{ID: 10, Slug: "caf"}, ReadOnly: true}}
	tests := []struct {
		name string
		who  *Principal
		rule Rule
		org  string
		want error
	}{
		{"anyone, anonymous", nil, Anyone, "", nil},
		{"signed in, anonymous", nil, SignedIn, "", ErrSignInNeeded},
		{"signed in, citizen", citizen, SignedIn, "", nil},
		{"staff page, citizen", citizen, Staff(identity.RoleAgent), "", ErrForbidden},
		{"staff before enrolling", pending, SignedIn, "", ErrEnrolNeeded},
		{"staff before the second factor", pendingEnrolled, SignedIn, "", ErrSecondFactorNeeded},
		{"second-factor page, staff pending", pending, SecondFactorPending, "", nil},
		{"own organisation", agent, Staff(identity.RoleAgent), "caf", nil},
		{"another organisation", agent, Staff(identity.RoleAgent), "cpam", ErrForbidden},
		{"another role", agent, Staff(identity.RoleAdmin), "", ErrForbidden},
		{"platform page, an organisation's admin", orgAdmin, PlatformAdmin, "", ErrForbidden},
		{"platform page, the platform's admin", platformAdmin, PlatformAdmin, "", nil},
		{"citizen who turned the second factor on", citizenTOTP, SignedIn, "", ErrSecondFactorNeeded},
		{"API write, no token", nil, OrgToken, "", ErrTokenNeeded},
		{"API write, a person's session", agent, OrgToken, "", ErrTokenNeeded},
		{"API write, a token", cafToken, OrgToken, "", nil},
		{"API read, a read-only token", readOnly, OrgToken, "", nil},
		{"API write, a read-only token", readOnly, OrgTokenWrite, "", ErrReadOnlyToken},
		{"API write, a token that writes", cafToken, OrgTokenWrite, "", nil},
		{"API write, no token at all", nil, OrgTokenWrite, "", ErrTokenNeeded},
		{"page, a token", cafToken, SignedIn, "", ErrSignInNeeded},
		{"staff page, a token", cafToken, Staff(identity.RoleAgent), "caf", ErrSignInNeeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/espace/"+tt.org, nil)
			r.SetPathValue("org", tt.org)
			if tt.who != nil {
				r = r.WithContext(WithPrincipal(r.Context(), tt.who))
			}
			if got := Check(r, tt.rule); !errors.Is(got, tt.want) || (tt.want == nil && got != nil) {
				t.Errorf("Check = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTokenMayActForItsOrganisationOrAsObservatory(t *testing.T) {
	for _, tt := range []struct {
		tok  *identity.APIToken
		org  int64
		want bool
	}{
		{nil, 10, false},
		{&identity.APIToken{Org: identity.Organisation{ID: 10}}, 10, true},
		{&identity.APIToken{Org: identity.Organisation{ID: 10}}, 11, false},
		{&identity.APIToken{Org: identity.Organisation{ID: 12}, Observatory: true}, 11, true},
	} {
		r := httptest.NewRequest("POST", "/api/v1/feedback", nil)
		if tt.tok != nil {
			r = r.WithContext(WithPrincipal(r.Context(), &Principal{APIToken: tt.tok}))
		}
		if got := TokenMayActFor(r, tt.org); got != tt.want {
			t.Errorf("TokenMayActFor(%+v, %d) = %v", tt.tok, tt.org, got)
		}
	}
}
