package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUserRoles(t *testing.T) {
	t.Parallel()
	u := &User{Memberships: []Membership{
		{OrgID: 1, OrgSlug: "caf", Role: RoleAgent},
		{OrgID: 1, OrgSlug: "caf", Role: RoleProcedureOwner},
		{OrgID: 2, OrgSlug: "cpam", Role: RoleAgent},
	}}
	citizen := &User{}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"staff is staff", u.IsStaff(), true},
		{"citizen is not staff", citizen.IsStaff(), false},
		{"everyone is a citizen", citizen.HasRole(RoleCitizen), true},
		{"staff is a citizen too", u.HasRole(RoleCitizen), true},
		{"agent somewhere", u.HasRole(RoleAgent), true},
		{"not admin", u.HasRole(RoleAdmin), false},
		{"agent in cpam", u.HasRoleIn(RoleAgent, 2), true},
		{"not owner in cpam", u.HasRoleIn(RoleProcedureOwner, 2), false},
		{"owner in caf", u.HasRoleIn(RoleProcedureOwner, 1), true},
		{"citizen is no org role", u.HasRoleIn(RoleCitizen, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	if diff := cmp.Diff([]Membership{u.Memberships[0], u.Memberships[2]}, u.Orgs(RoleAgent)); diff != "" {
		t.Errorf("Orgs(agent) (-want +got):\n%s", diff)
	}
	if got := u.Orgs(RoleMediator); got != nil {
		t.Errorf("Orgs(mediator) = %v, want none", got)
	}
}

func TestRoleLabels(t *testing.T) {
	t.Parallel()
	want := map[Role]string{
		RoleCitizen: "Usager", RoleMediator: "Médiateur", RoleAgent: "Agent",
		RoleProcedureOwner: "Responsable de démarche", RoleObservatory: "Observatoire", RoleAdmin: "Administrateur",
	}
	if len(Roles()) != len(want) {
		t.Fatalf("Roles() has %d roles, want %d", len(Roles()), len(want))
	}
	for _, r := range Roles() {
		if got := RoleLabel(r); got != want[r] {
			t.Errorf("RoleLabel(%s) = %q, want %q", r, got, want[r])
		}
		if !r.Valid() {
			t.Errorf("%s is not Valid", r)
		}
	}
	if Role("chef").Valid() {
		t.Error(`Role("chef") is Valid`)
	}
}
