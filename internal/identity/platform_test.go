package identity

import (
	"testing"

	"guichet/internal/errs"
)

// TestCreateUserAs: an organisation's administrator creates staff of that
// organisation only; the platform's administrator creates anywhere.
func TestCreateUserAs(t *testing.T) {
	f := newFixture(t)
	f.org(t, "guichet", KindAdministration)
	f.org(t, "caf", KindAdministration)
	f.org(t, "cpam", KindAdministration)
	if err := f.svc.SetPlatformOrganisation(f.ctx, "guichet"); err != nil {
		t.Fatal(err)
	}
	mk := func(email, org string) *User {
		u, err := f.svc.CreateUser(f.ctx, NewUser{Email: email, Password: goodPassword, Role: RoleAdmin, OrgSlug: org})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	platform, cafAdmin := mk("root@exemple.fr", "guichet"), mk("admin@caf.fr", "caf")
	if !platform.IsPlatformAdmin() || cafAdmin.IsPlatformAdmin() {
		t.Fatalf("platform admin: %v and %v, want true and false", platform.IsPlatformAdmin(), cafAdmin.IsPlatformAdmin())
	}
	tests := []struct {
		name  string
		actor *User
		nu    NewUser
		ok    bool
	}{
		{"org admin, own organisation", cafAdmin, NewUser{Email: "a1@caf.fr", Role: RoleAgent, OrgSlug: "caf"}, true},
		{"org admin, admin elsewhere", cafAdmin, NewUser{Email: "a2@cpam.fr", Role: RoleAdmin, OrgSlug: "cpam"}, false},
		{"org admin, platform admin", cafAdmin, NewUser{Email: "a3@guichet.fr", Role: RoleAdmin, OrgSlug: "guichet"}, false},
		{"org admin, citizen", cafAdmin, NewUser{Email: "a4@exemple.fr", Role: RoleCitizen}, false},
		{"nobody", nil, NewUser{Email: "a5@caf.fr", Role: RoleAgent, OrgSlug: "caf"}, false},
		{"platform admin, admin elsewhere", platform, NewUser{Email: "a6@cpam.fr", Role: RoleAdmin, OrgSlug: "cpam"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.nu.Password = goodPassword
			_, err := f.svc.CreateUserAs(f.ctx, tt.actor, tt.nu)
			if tt.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.ok {
				wantKind(t, err, errs.Forbidden)
			}
		})
	}
}
