package identity

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

func fcClaims(sub, email string) Claims {
	return Claims{Profile: "franceconnect", Issuer: "https://fc.example", Subject: sub, Email: email,
		Name: "Camille Martin", GivenName: "Camille", FamilyName: "Martin", Birthdate: "1990-04-12", ACR: "eidas1"}
}

func TestSignInWithOIDCKeysAccountsBySubject(t *testing.T) {
	f := newFixture(t)
	first, err := f.svc.SignInWithOIDC(f.ctx, fcClaims("s1", "camille@exemple.fr"))
	if err != nil || first.User == nil {
		t.Fatalf("first sign-in: %+v, %v", first, err)
	}
	if u := first.User; u.Email != "camille@exemple.fr" || u.Name != "Camille Martin" || u.HasPassword || u.IsStaff() {
		t.Errorf("created account %+v", u)
	}
	// The address changes at the provider: the (issuer, subject) pair holds.
	again, err := f.svc.SignInWithOIDC(f.ctx, fcClaims("s1", "nouvelle@exemple.fr"))
	if err != nil || again.User.ID != first.User.ID {
		t.Fatalf("second sign-in: %+v, %v", again, err)
	}
	pivots, err := f.svc.Pivots(f.ctx, first.User.ID)
	if err != nil || len(pivots) != 1 || pivots[0].Birthdate != "1990-04-12" || pivots[0].Profile != "franceconnect" || !pivots[0].At.Equal(start) {
		t.Errorf("pivots %+v, %v", pivots, err)
	}
	// Another provider's same subject is another person.
	other := fcClaims("s1", "karim@exemple.fr")
	other.Issuer = "https://autre.example"
	if o, err := f.svc.SignInWithOIDC(f.ctx, other); err != nil || o.User.ID == first.User.ID {
		t.Errorf("other issuer: %+v, %v", o, err)
	}
	want := []string{EventAccountCreated, EventOIDCLinked, EventSignIn, EventSignIn}
	if diff := cmp.Diff(want, f.events(t, first.User.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
}

// TestSignInWithOIDCLinksOnlyWithPassword: an account that already has the
// provider's address is never taken over on the provider's word; its
// owner confirms with the password, and the audit log says so.
func TestSignInWithOIDCLinksOnlyWithPassword(t *testing.T) {
	f := newFixture(t)
	citizen := f.citizen(t, "camille@exemple.fr")
	c := fcClaims("s2", "CAMILLE@exemple.fr")
	c.EmailVerified = true // even a verified address is not enough
	out, err := f.svc.SignInWithOIDC(f.ctx, c)
	if err != nil || out.User != nil || out.LinkToken == "" || out.LinkEmail != "camille@exemple.fr" {
		t.Fatalf("got %+v, %v; want a link request", out, err)
	}
	if _, err := f.svc.LinkWithPassword(f.ctx, out.LinkToken, "pas le bon mot de passe", "192.0.2.1"); err == nil {
		t.Fatal("linked with a wrong password")
	}
	u, err := f.svc.LinkWithPassword(f.ctx, out.LinkToken, goodPassword, "192.0.2.1")
	if err != nil || u.ID != citizen.ID {
		t.Fatalf("link: %+v, %v", u, err)
	}
	if _, err := f.svc.LinkWithPassword(f.ctx, out.LinkToken, goodPassword, "192.0.2.1"); err == nil {
		t.Error("a link request worked twice")
	}
	if again, err := f.svc.SignInWithOIDC(f.ctx, c); err != nil || again.User == nil || again.User.ID != citizen.ID {
		t.Errorf("sign-in after link: %+v, %v", again, err)
	}
	events, _ := f.svc.AuditEvents(f.ctx, citizen.ID, 20)
	found := false
	for _, e := range events {
		found = found || (e.Event == EventOIDCLinked && e.Detail == "https://fc.example (confirmé par le mot de passe du compte)")
	}
	if !found {
		t.Errorf("no audited link in %+v", events)
	}
	// A request expires.
	out, _ = f.svc.SignInWithOIDC(f.ctx, fcClaims("s3", "camille@exemple.fr"))
	f.clock.Advance(linkRequestTTL)
	if _, err := f.svc.LinkWithPassword(f.ctx, out.LinkToken, goodPassword, "192.0.2.1"); err == nil {
		t.Error("an expired link request worked")
	}
}

func TestSignInWithOIDCRefusals(t *testing.T) {
	f := newFixture(t)
	f.org(t, "caf", KindAdministration)
	if _, err := f.svc.CreateUser(f.ctx, NewUser{Email: "agent@exemple.fr", Password: goodPassword, Role: RoleAgent, OrgSlug: "caf"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SignInWithOIDC(f.ctx, fcClaims("a", "agent@exemple.fr")); err == nil {
		t.Error("a citizen provider signed in a staff account")
	} else {
		wantKind(t, err, errs.Conflict)
	}
	_, err := f.svc.SignInWithOIDC(f.ctx, fcClaims("b", ""))
	wantKind(t, err, errs.Invalid)
	pc := Claims{Profile: "proconnect", Issuer: "https://pc.example", Subject: "x", Email: "x@caf.fr", SIRET: "12345678900011"}
	_, err = f.svc.SignInWithOIDC(f.ctx, pc)
	wantKind(t, err, errs.Forbidden)
}

func TestProConnectAgentGetsOrganisationRole(t *testing.T) {
	f := newFixture(t)
	f.org(t, "caf", KindAdministration)
	if err := f.svc.SetProConnect(f.ctx, 0, "caf", "1234", RoleAgent); err == nil {
		t.Error("a 4-digit SIRET accepted")
	}
	if err := f.svc.SetProConnect(f.ctx, 0, "caf", "12345678900011", RoleAgent); err != nil {
		t.Fatal(err)
	}
	pc := Claims{Profile: "proconnect", Issuer: "https://pc.example", Subject: "x", Email: "alex@caf.fr",
		Name: "Alex Durand", SIRET: "12345678900011"}
	out, err := f.svc.SignInWithOIDC(f.ctx, pc)
	if err != nil || out.User == nil {
		t.Fatalf("%+v, %v", out, err)
	}
	if len(out.User.Memberships) != 1 || out.User.Memberships[0].Role != RoleAgent || out.User.Memberships[0].OrgSlug != "caf" {
		t.Errorf("memberships %+v", out.User.Memberships)
	}
	// Another SIRET is not let in.
	pc.Subject, pc.SIRET, pc.Email = "y", "99999999900011", "y@ailleurs.fr"
	_, err = f.svc.SignInWithOIDC(f.ctx, pc)
	wantKind(t, err, errs.Forbidden)

	// Once the SIRET is cleared, nobody comes in with it, not even the agent seen before.
	if cleared, err := f.svc.ClearProConnect(f.ctx, 0, "12345678900011"); err != nil || !cleared {
		t.Fatalf("clear = %v, %v", cleared, err)
	}
	pc.Subject, pc.SIRET, pc.Email = "z", "12345678900011", "z@caf.fr"
	_, err = f.svc.SignInWithOIDC(f.ctx, pc)
	wantKind(t, err, errs.Forbidden)
}

func TestSessionOIDC(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	token, err := f.svc.CreateSession(f.ctx, u.ID, "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AttachOIDC(f.ctx, token, "https://fc.example", "id.token.raw", true); err != nil {
		t.Fatal(err)
	}
	iss, idt, err := f.svc.SessionOIDC(f.ctx, token)
	if err != nil || iss != "https://fc.example" || idt != "id.token.raw" {
		t.Errorf("SessionOIDC = %q, %q, %v", iss, idt, err)
	}
	ss, _, err := f.svc.SessionByToken(f.ctx, token)
	if err != nil || ss.SecondFactorAt == nil {
		t.Errorf("multi-factor sign-in not recorded: %+v, %v", ss, err)
	}
}
