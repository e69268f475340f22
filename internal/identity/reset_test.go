package identity

import (
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
	"guichet/internal/jobs"
	"guichet/internal/mail"
)

// mails returns the queued e-mail jobs, oldest first.
func (f *fixture) mails(t *testing.T) []mail.Message {
	t.Helper()
	rows, err := f.db.QueryContext(f.ctx, `SELECT payload FROM jobs WHERE kind = $1 ORDER BY id`, mail.JobKind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []mail.Message
	for rows.Next() {
		var payload string
		if err := rows.Scan(&payload); err != nil {
			t.Fatal(err)
		}
		if plain, err := f.svc.box.Open(payload); err == nil {
			payload = string(plain)
		}
		var m mail.Message
		if err := json.Unmarshal([]byte(payload), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// resetToken asks for a link for email and returns the token it carries.
func (f *fixture) resetToken(t *testing.T, email string) string {
	t.Helper()
	if err := f.svc.RequestPasswordReset(f.ctx, email, "203.0.113.5"); err != nil {
		t.Fatal(err)
	}
	ms := f.mails(t)
	if len(ms) == 0 {
		t.Fatal("no e-mail queued")
	}
	body := ms[len(ms)-1].Body
	i := strings.Index(body, "https://")
	if i < 0 {
		t.Fatalf("no link in %q", body)
	}
	link, err := url.Parse(strings.Fields(body[i:])[0])
	if err != nil {
		t.Fatal(err)
	}
	if link.Path != ResetPath || link.Host != "guichet.example" {
		t.Errorf("link %s does not lead to %s on the base URL", link, ResetPath)
	}
	return link.Query().Get("jeton")
}

func TestRequestPasswordReset(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	if err := f.svc.RequestPasswordReset(f.ctx, "personne@exemple.fr", "203.0.113.5"); err != nil {
		t.Fatalf("unknown address: got %v, want the same answer as for an account", err)
	}
	if got := f.mails(t); len(got) != 0 {
		t.Fatalf("an e-mail went to an unknown address: %+v", got)
	}
	wantKind(t, f.svc.RequestPasswordReset(f.ctx, "pas une adresse", ""), errs.Invalid)

	token := f.resetToken(t, " Camille@Exemple.fr ")
	ms := f.mails(t)
	if len(ms) != 1 || ms[0].To != "camille@exemple.fr" || !strings.Contains(ms[0].Body, "pendant 1 heure") {
		t.Errorf("queued e-mails %+v", ms)
	}
	var stored string
	f.db.QueryRowContext(f.ctx, `SELECT token_hash FROM password_resets WHERE user_id = $1`, u.ID).Scan(&stored)
	if stored != hashToken(token) {
		t.Errorf("stored %q, want the hash of the token", stored)
	}
	var key string
	f.db.QueryRowContext(f.ctx, `SELECT idempotency_key FROM jobs`).Scan(&key)
	if !strings.Contains(key, stored) {
		t.Errorf("job key %q is not derived from the token hash", key)
	}
	if diff := cmp.Diff([]string{EventAccountCreated, EventPasswordResetRequested}, f.events(t, u.ID)); diff != "" {
		t.Errorf("audit events (-want +got):\n%s", diff)
	}
}

func TestRequestPasswordResetThrottles(t *testing.T) {
	f := newFixture(t)
	f.svc.cfg.Throttle.MaxFailuresPerIP = 8
	f.citizen(t, "camille@exemple.fr")
	// One address gets at most MaxFailures e-mails in a window, silently.
	for range 7 {
		if err := f.svc.RequestPasswordReset(f.ctx, "camille@exemple.fr", "203.0.113.5"); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.mails(t)); n != 5 {
		t.Errorf("got %d e-mails, want 5", n)
	}
	// The eighth request from that IP locks it; the ninth is refused.
	if err := f.svc.RequestPasswordReset(f.ctx, "autre@exemple.fr", "203.0.113.5"); err != nil {
		t.Fatal(err)
	}
	wantKind(t, f.svc.RequestPasswordReset(f.ctx, "autre@exemple.fr", "203.0.113.5"), errs.TooMany)
	if err := f.svc.RequestPasswordReset(f.ctx, "autre@exemple.fr", "203.0.113.6"); err != nil {
		t.Errorf("another IP: %v", err)
	}
}

func TestResetPassword(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	session, _ := f.svc.CreateSession(f.ctx, u.ID, "", "")
	// Lock the account by failures: the reset lifts the lock.
	for range 5 {
		f.svc.Authenticate(f.ctx, u.Email, "mauvais mot de passe", "")
	}
	older := f.resetToken(t, u.Email)
	token := f.resetToken(t, u.Email)
	if err := f.svc.CheckPasswordReset(f.ctx, token); err != nil {
		t.Fatalf("fresh link: %v", err)
	}
	wantKind(t, f.svc.ResetPassword(f.ctx, token, "court"), errs.Invalid)
	wantKind(t, f.svc.ResetPassword(f.ctx, "inconnu", "nouveau mot de passe"), errs.Invalid)
	if err := f.svc.ResetPassword(f.ctx, token, "nouveau mot de passe"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(f.ctx, u.Email, "nouveau mot de passe", ""); err != nil {
		t.Errorf("sign in with the new password: %v", err)
	}
	if _, _, err := f.svc.SessionByToken(f.ctx, session); !errs.Is(err, errs.Unauthorized) {
		t.Errorf("old session after reset: got %v, want Unauthorized", err)
	}
	for name, tok := range map[string]string{"same link": token, "older link": older} {
		t.Run(name, func(t *testing.T) {
			wantKind(t, f.svc.ResetPassword(f.ctx, tok, "encore un autre mot de passe"), errs.Invalid)
			wantKind(t, f.svc.CheckPasswordReset(f.ctx, tok), errs.Invalid)
		})
	}
	events := strings.Join(f.events(t, u.ID), " ")
	if !strings.Contains(events, EventPasswordResetDone) {
		t.Errorf("audit events %q lack %s", events, EventPasswordResetDone)
	}
}

func TestResetPasswordExpiry(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	token := f.resetToken(t, u.Email)
	f.clock.Advance(time.Hour)
	wantKind(t, f.svc.CheckPasswordReset(f.ctx, token), errs.Invalid)
	wantKind(t, f.svc.ResetPassword(f.ctx, token, "nouveau mot de passe"), errs.Invalid)
	if _, err := f.svc.Authenticate(f.ctx, u.Email, goodPassword, ""); err != nil {
		t.Errorf("the old password must still work: %v", err)
	}
}

// TestResetLinkSealedInJobs: the link of a reset e-mail cannot be read in
// the jobs table while the e-mail waits, and is gone once it is sent.
func TestResetLinkSealedInJobs(t *testing.T) {
	f := newFixture(t)
	f.citizen(t, "camille@exemple.fr")
	token := f.resetToken(t, "camille@exemple.fr")
	var raw string
	if err := f.db.QueryRowContext(f.ctx, `SELECT payload FROM jobs WHERE kind = $1`, mail.JobKind).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw, token) || strings.Contains(raw, "camille") {
		t.Fatalf("the queued reset e-mail is readable in the jobs table: %q", raw)
	}
	q := jobs.New(f.db, jobs.Options{Box: f.svc.box, Logger: slog.New(slog.DiscardHandler)})
	sent := mail.NewOutbox(t.TempDir())
	q.Register(mail.JobKind, mail.Handler(sent))
	if ran, err := q.Work(f.ctx); err != nil || !ran {
		t.Fatalf("send: ran %v, %v", ran, err)
	}
	var status string
	f.db.QueryRowContext(f.ctx, `SELECT status, payload FROM jobs WHERE kind = $1`, mail.JobKind).Scan(&status, &raw)
	if status != jobs.Done || raw != "" {
		t.Fatalf("after sending: status %s, payload %q; want done and no payload", status, raw)
	}
}
