package identity

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/errs"
)

func TestCreateUserErrors(t *testing.T) {
	f := newFixture(t)
	f.org(t, "caf", KindAdministration)
	f.org(t, "france-services", KindHelpStructure)
	f.citizen(t, "deja@exemple.fr")
	tests := []struct {
		name      string
		nu        NewUser
		kind      errs.Kind
		field     string
		inMessage string
	}{
		{"duplicate, other capitals", NewUser{Email: " Deja@Exemple.FR ", Password: goodPassword}, errs.Conflict, "", "existe déjà"},
		{"empty email", NewUser{Email: "", Password: goodPassword}, errs.Invalid, "email", "adresse e-mail"},
		{"no at sign", NewUser{Email: "camille.exemple.fr", Password: goodPassword}, errs.Invalid, "email", "adresse e-mail valide"},
		{"no domain dot", NewUser{Email: "camille@exemple", Password: goodPassword}, errs.Invalid, "email", "adresse e-mail valide"},
		{"display name", NewUser{Email: "Camille <camille@exemple.fr>", Password: goodPassword}, errs.Invalid, "email", "adresse e-mail valide"},
		{"short password", NewUser{Email: "a@exemple.fr", Password: "court"}, errs.Invalid, "password", "au moins 12 caractères"},
		{"no password", NewUser{Email: "a@exemple.fr"}, errs.Invalid, "password", "au moins 12 caractères"},
		{"unknown role", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: "chef", OrgSlug: "caf"}, errs.Invalid, "role", "rôle"},
		{"staff without org", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: RoleAgent}, errs.Invalid, "org", "« Agent » s'exerce dans une organisation"},
		{"unknown org", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: RoleAgent, OrgSlug: "nulle-part"}, errs.Invalid, "org", "n'existe pas"},
		{"mediator in administration", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: RoleMediator, OrgSlug: "caf"}, errs.Invalid, "org", "structure d'aide"},
		{"agent in help structure", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: RoleAgent, OrgSlug: "france-services"}, errs.Invalid, "org", "une administration"},
		{"owner in help structure", NewUser{Email: "a@exemple.fr", Password: goodPassword, Role: RoleProcedureOwner, OrgSlug: "france-services"}, errs.Invalid, "org", "une administration"},
		{"citizen with org", NewUser{Email: "a@exemple.fr", Password: goodPassword, OrgSlug: "caf"}, errs.Invalid, "org", "usager"},
		{"long name", NewUser{Email: "a@exemple.fr", Password: goodPassword, Name: strings.Repeat("é", 201)}, errs.Invalid, "name", "200"},
		{"password and hash", NewUser{Email: "a@exemple.fr", Password: goodPassword, PasswordHash: goodHash()}, errs.Invalid, "password", "pas les deux"},
		{"weak hash", NewUser{Email: "a@exemple.fr", PasswordHash: strings.Replace(goodHash(), "m=19456", "m=1024", 1)}, errs.Invalid, "password", "argon2id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.CreateUser(f.ctx, tt.nu)
			wantKind(t, err, tt.kind)
			if got := errs.FieldOf(err); got != tt.field {
				t.Errorf("field: got %q, want %q", got, tt.field)
			}
			if !strings.Contains(errs.MessageOf(err), tt.inMessage) {
				t.Errorf("message %q does not say %q", errs.MessageOf(err), tt.inMessage)
			}
		})
	}
}

// goodHash is the hash of goodPassword, made once.
var goodHash = sync.OnceValue(func() string {
	h, err := HashPassword(goodPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// TestCreateUserWithHash checks that an account created from a hash made
// beforehand signs in with its password, the hash stored as given.
func TestCreateUserWithHash(t *testing.T) {
	f := newFixture(t)
	hash := goodHash()
	u, err := f.svc.CreateUser(f.ctx, NewUser{Email: "importe@exemple.fr", Name: "Camille Martin", PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := f.db.QueryRowContext(f.ctx, `SELECT password_hash FROM users WHERE id = $1`, u.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != hash {
		t.Errorf("stored hash %q, want the one given %q", stored, hash)
	}
	if _, err := f.svc.Authenticate(f.ctx, "importe@exemple.fr", goodPassword, "192.0.2.1"); err != nil {
		t.Errorf("sign-in with the password of the hash: %v", err)
	}
	if _, err := f.svc.Authenticate(f.ctx, "importe@exemple.fr", goodPassword+"!", "192.0.2.1"); err == nil {
		t.Errorf("sign-in with another password succeeded")
	}
}

func TestCreateUserRoles(t *testing.T) {
	f := newFixture(t)
	caf := f.org(t, "caf", KindAdministration)
	fs := f.org(t, "france-services", KindHelpStructure)
	tests := []struct {
		name string
		nu   NewUser
		want []Membership
	}{
		{"citizen", NewUser{Email: "Usager@Exemple.fr", Password: goodPassword}, nil},
		{"agent", NewUser{Email: "agent@exemple.fr", Password: goodPassword, Role: RoleAgent, OrgSlug: "caf"},
			[]Membership{{OrgID: caf.ID, OrgSlug: "caf", OrgName: caf.Name, Role: RoleAgent}}},
		{"mediator", NewUser{Email: "mediateur@exemple.fr", Password: goodPassword, Role: RoleMediator, OrgSlug: "france-services"},
			[]Membership{{OrgID: fs.ID, OrgSlug: "france-services", OrgName: fs.Name, Role: RoleMediator}}},
		{"observatory anywhere", NewUser{Email: "obs@exemple.fr", Password: goodPassword, Role: RoleObservatory, OrgSlug: "france-services"},
			[]Membership{{OrgID: fs.ID, OrgSlug: "france-services", OrgName: fs.Name, Role: RoleObservatory}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := f.svc.CreateUser(f.ctx, tt.nu)
			if err != nil {
				t.Fatal(err)
			}
			if u.Email != strings.ToLower(tt.nu.Email) || !u.HasPassword || u.TOTPEnabled || !u.CreatedAt.Equal(start) {
				t.Errorf("got %+v", u)
			}
			if diff := cmp.Diff(tt.want, u.Memberships, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("memberships (-want +got):\n%s", diff)
			}
			if u.IsStaff() != (tt.want != nil) {
				t.Errorf("IsStaff = %v", u.IsStaff())
			}
			byEmail, err := f.svc.UserByEmail(f.ctx, strings.ToUpper(tt.nu.Email))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(u, byEmail); diff != "" {
				t.Errorf("UserByEmail (-ByID +ByEmail):\n%s", diff)
			}
		})
	}
}

func TestAddMembership(t *testing.T) {
	f := newFixture(t)
	caf := f.org(t, "caf", KindAdministration)
	cpam := f.org(t, "cpam", KindAdministration)
	u := f.citizen(t, "sophie@exemple.fr")
	for _, g := range []struct {
		slug string
		role Role
	}{{"cpam", RoleAgent}, {"caf", RoleAgent}, {"caf", RoleProcedureOwner}, {"caf", RoleAgent}} {
		if err := f.svc.AddMembership(f.ctx, u.ID, g.slug, g.role); err != nil {
			t.Fatalf("grant %s in %s: %v", g.role, g.slug, err)
		}
	}
	wantKind(t, f.svc.AddMembership(f.ctx, u.ID, "caf", RoleMediator), errs.Invalid)
	wantKind(t, f.svc.AddMembership(f.ctx, u.ID, "caf", RoleCitizen), errs.Invalid)
	wantKind(t, f.svc.AddMembership(f.ctx, u.ID+100, "caf", RoleAgent), errs.NotFound)

	got, err := f.svc.UserByID(f.ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []Membership{
		{OrgID: caf.ID, OrgSlug: "caf", OrgName: caf.Name, Role: RoleAgent},
		{OrgID: caf.ID, OrgSlug: "caf", OrgName: caf.Name, Role: RoleProcedureOwner},
		{OrgID: cpam.ID, OrgSlug: "cpam", OrgName: cpam.Name, Role: RoleAgent},
	}
	if diff := cmp.Diff(want, got.Memberships); diff != "" {
		t.Errorf("memberships (-want +got):\n%s", diff)
	}
	// The repeated grant is logged once.
	wantEvents := []string{EventAccountCreated, EventRoleGranted, EventRoleGranted, EventRoleGranted}
	if diff := cmp.Diff(wantEvents, f.events(t, u.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
	members, err := f.svc.Members(f.ctx, caf.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantMembers := []Member{
		{UserID: u.ID, Name: "Camille Martin", Email: "sophie@exemple.fr", Role: RoleAgent},
		{UserID: u.ID, Name: "Camille Martin", Email: "sophie@exemple.fr", Role: RoleProcedureOwner},
	}
	if diff := cmp.Diff(wantMembers, members); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
}

func TestUserLookupsNotFound(t *testing.T) {
	f := newFixture(t)
	_, err := f.svc.UserByID(f.ctx, 42)
	wantKind(t, err, errs.NotFound)
	_, err = f.svc.UserByEmail(f.ctx, "personne@exemple.fr")
	wantKind(t, err, errs.NotFound)
}

func TestSetPassword(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	wantKind(t, f.svc.SetPassword(f.ctx, u.ID, "court"), errs.Invalid)
	wantKind(t, f.svc.SetPassword(f.ctx, u.ID+1, "nouveau mot de passe"), errs.NotFound)
	if err := f.svc.SetPassword(f.ctx, u.ID, "nouveau mot de passe"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, ""); !errs.Is(err, errs.Invalid) {
		t.Errorf("old password: got %v, want Invalid", err)
	}
	if _, err := f.svc.Authenticate(f.ctx, u.Email, "nouveau mot de passe", ""); err != nil {
		t.Errorf("new password: %v", err)
	}
}
