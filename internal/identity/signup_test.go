package identity

import (
	"net/url"
	"strings"
	"testing"

	"guichet/internal/errs"
)

// verifyToken returns the token of the last verification link e-mailed.
func (f *fixture) verifyToken(t *testing.T) string {
	t.Helper()
	ms := f.mails(t)
	if len(ms) == 0 {
		t.Fatal("no e-mail queued")
	}
	body := ms[len(ms)-1].Body
	i := strings.Index(body, "https://guichet.example"+VerifyPath)
	if i < 0 {
		t.Fatalf("no verification link in %q", body)
	}
	link, err := url.Parse(strings.Fields(body[i:])[0])
	if err != nil {
		t.Fatal(err)
	}
	return link.Query().Get("jeton")
}

func (f *fixture) signUp(t *testing.T, email, password string) {
	t.Helper()
	if err := f.svc.SignUp(f.ctx, NewUser{Email: email, Name: "Camille Martin", Password: password}, "203.0.113.5"); err != nil {
		t.Fatalf("sign up %s: %v", email, err)
	}
}

// TestSignUpVerifiesAddress: a new account cannot sign in until the link
// sent to its address is opened; the token is stored hashed.
func TestSignUpVerifiesAddress(t *testing.T) {
	f := newFixture(t)
	f.signUp(t, "camille@exemple.fr", goodPassword)
	_, err := f.svc.Authenticate(f.ctx, "camille@exemple.fr", goodPassword, "203.0.113.5")
	if !errs.Is(err, errs.Forbidden) || !IsUnverified(err) || !strings.Contains(errs.MessageOf(err), "e-mail") {
		t.Fatalf("sign-in before verification: %v, want the unverified-address error", err)
	}
	token := f.verifyToken(t)
	var stored int
	f.db.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM email_verifications WHERE token_hash = $1`, token).Scan(&stored)
	if stored != 0 {
		t.Error("the verification token is stored in clear")
	}
	if err := f.svc.VerifyEmail(f.ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(f.ctx, "camille@exemple.fr", goodPassword, "203.0.113.5"); err != nil {
		t.Fatalf("sign-in after verification: %v", err)
	}
	wantKind(t, f.svc.VerifyEmail(f.ctx, token), errs.Invalid)
	// A wrong password says nothing about verification.
	_, err = f.svc.Authenticate(f.ctx, "camille@exemple.fr", "pas le bon mot de passe", "203.0.113.5")
	wantKind(t, err, errs.Invalid)
}

func TestVerificationLinkExpires(t *testing.T) {
	f := newFixture(t)
	f.signUp(t, "camille@exemple.fr", goodPassword)
	token := f.verifyToken(t)
	f.clock.Advance(f.svc.cfg.VerifyTTL + 1)
	wantKind(t, f.svc.VerifyEmail(f.ctx, token), errs.Invalid)
	// A new link can be asked for, and works.
	if err := f.svc.ResendVerification(f.ctx, "camille@exemple.fr", "203.0.113.5", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.VerifyEmail(f.ctx, f.verifyToken(t)); err != nil {
		t.Fatal(err)
	}
}

// TestSignUpKnownAddress answers as for a new address and tells the owner
// by e-mail instead of creating anything.
func TestSignUpKnownAddress(t *testing.T) {
	f := newFixture(t)
	owner := f.citizen(t, "camille@exemple.fr")
	f.signUp(t, "Camille@Exemple.fr", "un autre mot de passe long")
	ms := f.mails(t)
	if len(ms) != 1 || ms[0].To != "camille@exemple.fr" || !strings.Contains(ms[0].Body, "créer un compte avec votre adresse") ||
		strings.Contains(ms[0].Body, VerifyPath) {
		t.Fatalf("mails %+v, want one notice to the owner without a verification link", ms)
	}
	if _, err := f.svc.Authenticate(f.ctx, "camille@exemple.fr", "un autre mot de passe long", ""); err == nil {
		t.Error("the second sign-up's password opens the account")
	}
	if _, err := f.svc.Authenticate(f.ctx, "camille@exemple.fr", goodPassword, ""); err != nil {
		t.Errorf("the owner's password: %v", err)
	}
	_ = owner
}

// TestSignUpThrottledPerAddress limits sign-ups from one client address.
func TestSignUpThrottledPerAddress(t *testing.T) {
	f := newFixture(t)
	var err error
	for i := range 50 {
		err = f.svc.SignUp(f.ctx, NewUser{Email: "p" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@exemple.fr",
			Password: goodPassword}, "203.0.113.5")
		if err != nil {
			break
		}
	}
	wantKind(t, err, errs.TooMany)
	if err := f.svc.SignUp(f.ctx, NewUser{Email: "autre@exemple.fr", Password: goodPassword}, "198.51.100.7"); err != nil {
		t.Errorf("another address is throttled too: %v", err)
	}
}

// TestOIDCDoesNotTakeOverUnverifiedAccount: an attacker signs up with the
// victim's address and a password of their own; the victim then signs in
// with the identity provider, which verified the address. The attacker's
// password must not open the victim's account.
func TestOIDCDoesNotTakeOverUnverifiedAccount(t *testing.T) {
	f := newFixture(t)
	const attackerPassword = "le mot de passe de l'attaquant"
	f.signUp(t, "victime@exemple.fr", attackerPassword)
	victim, err := f.svc.SignInWithOIDC(f.ctx, Claims{Issuer: "https://fc.example", Subject: "v", Email: "victime@exemple.fr",
		EmailVerified: true, Name: "Victime"})
	if err != nil || victim.User == nil {
		t.Fatalf("the owner cannot sign in with the provider: %+v, %v", victim, err)
	}
	if u, err := f.svc.Authenticate(f.ctx, "victime@exemple.fr", attackerPassword, ""); err == nil || IsUnverified(err) {
		t.Fatalf("attacker's password after the owner's sign-in: user %v, error %v; want it refused", u, err)
	}
	// Nor does the attacker's verification link, if the victim clicks it.
	f.svc.VerifyEmail(f.ctx, f.verifyToken(t))
	if _, err := f.svc.Authenticate(f.ctx, "victime@exemple.fr", attackerPassword, ""); err == nil {
		t.Fatal("the attacker's password opens the account once the old link is opened")
	}
	// A provider that does not vouch for the address gets no account of it.
	f.signUp(t, "autre@exemple.fr", attackerPassword)
	_, err = f.svc.SignInWithOIDC(f.ctx, Claims{Issuer: "https://fc.example", Subject: "w", Email: "autre@exemple.fr"})
	wantKind(t, err, errs.Conflict)
	again, err := f.svc.SignInWithOIDC(f.ctx, Claims{Issuer: "https://fc.example", Subject: "v", Email: "victime@exemple.fr", EmailVerified: true})
	if err != nil || again.User == nil || again.User.ID != victim.User.ID {
		t.Fatalf("second provider sign-in: %v, %v", again, err)
	}
}

// TestResetVerifiesAddress: a reset link reaches the mailbox, so using it
// proves the address, and the unverified account becomes usable.
func TestResetVerifiesAddress(t *testing.T) {
	f := newFixture(t)
	f.signUp(t, "camille@exemple.fr", "le mot de passe de l'attaquant")
	if err := f.svc.ResetPassword(f.ctx, f.resetToken(t, "camille@exemple.fr"), goodPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(f.ctx, "camille@exemple.fr", goodPassword, ""); err != nil {
		t.Fatalf("sign-in after reset: %v", err)
	}
}

// TestVerifyLinkLeadsBack: the confirmation link carries the way back to a
// path on this site, and never to another site.
func TestVerifyLinkLeadsBack(t *testing.T) {
	f := newFixture(t)
	if err := f.svc.SignUp(f.ctx, NewUser{Email: "camille@exemple.fr", Name: "Camille Martin", Password: goodPassword,
		Next: "/demarches/acte-naissance/commencer"}, "203.0.113.5"); err != nil {
		t.Fatal(err)
	}
	ms := f.mails(t)
	if !strings.Contains(ms[len(ms)-1].Body, "&suite=%2Fdemarches%2Facte-naissance%2Fcommencer") {
		t.Errorf("link without the way back: %s", ms[len(ms)-1].Body)
	}
	for _, next := range []string{"https://pirate.example/", "//pirate.example", "/\\pirate.example", "/ /x",
		"/a\tb", "javascript:alert(1)", "pirate.example"} {
		if got := LocalPath(next); got != "" {
			t.Errorf("LocalPath(%q) = %q, want refused", next, got)
		}
		if err := f.svc.ResendVerification(f.ctx, "camille@exemple.fr", "", next); err != nil {
			t.Fatal(err)
		}
		ms := f.mails(t)
		if strings.Contains(ms[len(ms)-1].Body, "suite") {
			t.Errorf("%q carried into the link: %s", next, ms[len(ms)-1].Body)
		}
	}
}
