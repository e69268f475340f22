package web

import (
	"context"
	"net/http"
	"testing"

	"guichet/internal/identity"
)

// staffSession signs in an account past its second factor.
func (ts *testServer) staffSession(t *testing.T, email string) string {
	t.Helper()
	ctx := context.Background()
	u, err := ts.ids.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	token, err := ts.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.ids.MarkSecondFactor(ctx, token); err != nil {
		t.Fatal(err)
	}
	return token
}

// TestOrgAdminIsNoPlatformAdmin: the administrator of one organisation
// cannot create an administrator elsewhere, nor reach the platform's pages;
// the platform's administrator can.
func TestOrgAdminIsNoPlatformAdmin(t *testing.T) {
	ts := newTestServer(t)
	if _, err := ts.ids.CreateUser(context.Background(), identity.NewUser{Email: "admin.caf@exemple.fr", Name: "Admin CAF",
		Password: "un-mot-de-passe-solide", Role: identity.RoleAdmin, OrgSlug: "caf"}); err != nil {
		t.Fatal(err)
	}
	orgAdmin := ts.staffSession(t, "admin.caf@exemple.fr")
	const create = "name=Intrus&email=intrus%40exemple.fr&org=cpam&role=admin&password=un-mot-de-passe-solide"
	if rec := serveWith(ts, postForm("/admin/comptes", create), orgAdmin); rec.Code != http.StatusForbidden {
		t.Errorf("organisation admin creates an admin elsewhere: %d, want 403", rec.Code)
	}
	if _, err := ts.ids.UserByEmail(context.Background(), "intrus@exemple.fr"); err == nil {
		t.Fatal("the account was created")
	}
	for _, path := range []string{"/admin", "/admin/lieux/import"} {
		if rec := ts.do("GET", path, orgAdmin); rec.Code != http.StatusForbidden {
			t.Errorf("GET %s as an organisation admin: %d, want 403", path, rec.Code)
		}
	}
	platform := ts.staffSession(t, "admin@demo.guichet.test")
	if rec := serveWith(ts, postForm("/admin/comptes", create), platform); rec.Code != http.StatusOK {
		t.Fatalf("platform admin creates an admin: %d, want 200", rec.Code)
	}
}
