package identity

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"guichet/internal/identity/oidctest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

func newOIDC(t *testing.T, p *oidctest.Provider) *OIDC {
	t.Helper()
	o, err := NewOIDC(context.Background(), OIDCConfig{Issuer: p.URL, ClientID: p.ClientID, ClientSecret: p.Secret,
		RedirectURL: "https://guichet.example/connexion/oidc/retour", Name: "FranceConnect"})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// roundTrip signs in at the provider and exchanges the code.
func roundTrip(t *testing.T, p *oidctest.Provider, o *OIDC) (Claims, error) {
	t.Helper()
	req := NewAuthRequest()
	code, state := p.SignIn(t, o.AuthURL(req.State, req.Nonce, req.Verifier))
	if state != req.State {
		t.Fatalf("state: got %q, want %q", state, req.State)
	}
	return o.Exchange(context.Background(), code, req.Nonce, req.Verifier)
}

func TestOIDCRoundTrip(t *testing.T) {
	f := newFixture(t)
	p := oidctest.New(t)
	o := newOIDC(t, p)
	if o.Name() != "FranceConnect" {
		t.Errorf("Name() = %q", o.Name())
	}
	claims, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{Issuer: p.URL, Subject: "fc-123", Email: "Camille@Exemple.fr", EmailVerified: true, Name: "Camille Martin"}
	if diff := cmp.Diff(want, claims); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	first, err := f.svc.SignInWithOIDC(f.ctx, claims)
	if err != nil {
		t.Fatal(err)
	}
	if first.Email != "camille@exemple.fr" || first.Name != "Camille Martin" || first.HasPassword || first.IsStaff() {
		t.Errorf("created account %+v", first)
	}
	// The provider may change the address: the (issuer, subject) link holds.
	p.Set(map[string]any{"sub": "fc-123", "email": "nouvelle@exemple.fr", "email_verified": true})
	claims, err = roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.svc.SignInWithOIDC(f.ctx, claims)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID {
		t.Errorf("second sign-in gave user %d, want %d", again.ID, first.ID)
	}
	want2 := []string{EventAccountCreated, EventOIDCLinked, EventSignIn, EventSignIn}
	if diff := cmp.Diff(want2, f.events(t, first.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
}

func TestOIDCExchangeRefusals(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t)
	o := newOIDC(t, p)
	ctx := context.Background()
	tests := []struct {
		name string
		run  func(t *testing.T) error
	}{
		{"wrong nonce", func(t *testing.T) error {
			req := NewAuthRequest()
			code, _ := p.SignIn(t, o.AuthURL(req.State, req.Nonce, req.Verifier))
			_, err := o.Exchange(ctx, code, NewAuthRequest().Nonce, req.Verifier)
			return err
		}},
		{"wrong PKCE verifier", func(t *testing.T) error {
			req := NewAuthRequest()
			code, _ := p.SignIn(t, o.AuthURL(req.State, req.Nonce, req.Verifier))
			_, err := o.Exchange(ctx, code, req.Nonce, NewAuthRequest().Verifier)
			return err
		}},
		{"code used twice", func(t *testing.T) error {
			req := NewAuthRequest()
			code, _ := p.SignIn(t, o.AuthURL(req.State, req.Nonce, req.Verifier))
			if _, err := o.Exchange(ctx, code, req.Nonce, req.Verifier); err != nil {
				t.Fatalf("first use: %v", err)
			}
			_, err := o.Exchange(ctx, code, req.Nonce, req.Verifier)
			return err
		}},
		{"empty code", func(t *testing.T) error {
			_, err := o.Exchange(ctx, "", "n", "v")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run(t)
			if err == nil {
				t.Fatal("got no error, want a refusal")
			}
			t.Logf("refused: %v", err)
		})
	}
}

func TestOIDCRefusesBadTokens(t *testing.T) {
	tests := []struct {
		name  string
		setup func(p *oidctest.Provider)
	}{
		{"signed with a key the provider does not publish", func(p *oidctest.Provider) {
			other, _ := rsa.GenerateKey(rand.Reader, 2048)
			p.JWKSKey = other
		}},
		{"for another client", func(p *oidctest.Provider) { p.Audience = "quelqu-un-d-autre" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := oidctest.New(t)
			o := newOIDC(t, p)
			tt.setup(p)
			c, err := roundTrip(t, p, o)
			if err == nil {
				t.Fatalf("got claims %+v, want a refusal", c)
			}
			t.Logf("refused: %v", err)
		})
	}
}

func TestOIDCUserInfo(t *testing.T) {
	t.Parallel()
	p := oidctest.New(t)
	p.InToken = false // as FranceConnect: the ID token carries only the subject
	o := newOIDC(t, p)
	claims, err := roundTrip(t, p, o)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{Issuer: p.URL, Subject: "fc-123", Email: "Camille@Exemple.fr", EmailVerified: true, Name: "Camille Martin"}
	if diff := cmp.Diff(want, claims); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
}

func TestSignInWithOIDCLinking(t *testing.T) {
	f := newFixture(t)
	f.org(t, "caf", KindAdministration)
	citizen := f.citizen(t, "camille@exemple.fr")
	if _, err := f.svc.CreateUser(f.ctx, NewUser{Email: "agent@exemple.fr", Password: goodPassword, Role: RoleAgent, OrgSlug: "caf"}); err != nil {
		t.Fatal(err)
	}
	iss := "https://fc.example"
	tests := []struct {
		name     string
		claims   Claims
		wantID   int64 // 0: a new account
		wantKind errs.Kind
	}{
		{"unverified address of an account", Claims{Issuer: iss, Subject: "a", Email: "camille@exemple.fr"}, 0, errs.Conflict},
		{"staff address, even verified", Claims{Issuer: iss, Subject: "b", Email: "agent@exemple.fr", EmailVerified: true}, 0, errs.Conflict},
		{"no address", Claims{Issuer: iss, Subject: "c"}, 0, errs.Invalid},
		{"verified address links", Claims{Issuer: iss, Subject: "d", Email: "CAMILLE@exemple.fr", EmailVerified: true}, citizen.ID, 0},
		{"linked subject, any address", Claims{Issuer: iss, Subject: "d", Email: "autre@exemple.fr"}, citizen.ID, 0},
		{"same subject, other issuer", Claims{Issuer: "https://autre.example", Subject: "d", Email: "karim@exemple.fr"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := f.svc.SignInWithOIDC(f.ctx, tt.claims)
			if tt.wantKind != 0 {
				wantKind(t, err, tt.wantKind)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantID != 0 && u.ID != tt.wantID {
				t.Errorf("got user %d, want %d", u.ID, tt.wantID)
			}
			if tt.wantID == 0 && (u.ID == citizen.ID || u.Email != tt.claims.Email) {
				t.Errorf("got %+v, want a new account for %s", u, tt.claims.Email)
			}
		})
	}
}
