package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"guichet/internal/identity"
)

func sessionFrom(t *testing.T, res *http.Response) string {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	t.Fatal("no session cookie set")
	return ""
}

// TestStaffEnrolsSecondFactor follows a new staff account from its first
// sign-in through TOTP enrolment to its organisation's page.
func TestStaffEnrolsSecondFactor(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ctx := context.Background()
	if _, err := ts.ids.CreateUser(ctx, identity.NewUser{Email: "nouvel.agent@exemple.fr", Name: "Nouvel Agent",
		Password: "un-mot-de-passe-solide", Role: identity.RoleAgent, OrgSlug: "cpam"}); err != nil {
		t.Fatal(err)
	}
	rec := serve(ts, postForm("/connexion", "email=nouvel.agent%40exemple.fr&password=un-mot-de-passe-solide"))
	if rec.Header().Get("Location") != "/connexion/second-facteur/activer" {
		t.Fatalf("first sign-in: %d to %q, want enrolment", rec.Code, rec.Header().Get("Location"))
	}
	token := sessionFrom(t, rec.Result())
	if made := serveWith(ts, postForm("/connexion/second-facteur/activer/cle", ""), token); made.Code != http.StatusSeeOther {
		t.Fatalf("making the key: %d", made.Code)
	}
	page := ts.do("GET", "/connexion/second-facteur/activer", token).Body.String()
	m := regexp.MustCompile(`<code class="secret">([^<]+)</code>`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, `src="data:image/png;base64,`) {
		t.Fatal("enrolment page shows no QR code or typed secret")
	}
	wrong := serveWith(ts, postForm("/connexion/second-facteur/activer", "code=000000"), token)
	if wrong.Code != http.StatusUnprocessableEntity || !strings.Contains(wrong.Body.String(), "error-summary") {
		t.Fatalf("wrong code: %d, want 422 with the error summary", wrong.Code)
	}
	// A wrong code keeps the key being scanned.
	if again := regexp.MustCompile(`<code class="secret">([^<]+)</code>`).FindStringSubmatch(wrong.Body.String()); again == nil || again[1] != m[1] {
		t.Fatalf("a wrong code changed the key: %v, was %s", again, m[1])
	}
	code, err := identity.TOTPCode(html.UnescapeString(m[1]), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ok := serveWith(ts, postForm("/connexion/second-facteur/activer", "code="+code), token)
	if ok.Code != http.StatusOK || strings.Count(ok.Body.String(), "<li>") < 10 {
		t.Fatalf("right code: %d, want the page of recovery codes", ok.Code)
	}
	if rec := ts.do("GET", "/espace/cpam", token); rec.Code != http.StatusOK {
		t.Errorf("organisation page after enrolment: %d", rec.Code)
	}
}

func serveWith(ts *testServer, req *http.Request, token string) *httpRecorder {
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	return serve(ts, req)
}

// TestPasswordReset asks for a reset link, reads it from the queued e-mail,
// chooses a new password and signs in with it; the link works once.
func TestPasswordReset(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	rec := serve(ts, postForm("/mot-de-passe/oublie", "email=usager%40demo.guichet.test"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Si un compte existe") {
		t.Fatalf("request: %d", rec.Code)
	}
	unknown := serve(ts, postForm("/mot-de-passe/oublie", "email=personne%40exemple.fr"))
	if unknown.Code != http.StatusOK || !strings.Contains(unknown.Body.String(), "Si un compte existe") {
		t.Fatalf("request for an unknown address must look the same: %d", unknown.Code)
	}
	var payload string
	if err := ts.db.QueryRow(`SELECT payload FROM jobs WHERE kind = 'mail.send'`).Scan(&payload); err != nil {
		t.Fatalf("one e-mail job expected: %v", err)
	}
	var msg struct{ To, Body string }
	if strings.Contains(payload, "jeton") {
		t.Fatal("the reset link is readable in the jobs table")
	}
	json.Unmarshal([]byte(ts.openPayload(t, payload)), &msg)
	link := regexp.MustCompile(`/mot-de-passe/nouveau\?jeton=[A-Za-z0-9_-]+`).FindString(msg.Body)
	if msg.To != "usager@demo.guichet.test" || link == "" {
		t.Fatalf("e-mail to %q without a link:\n%s", msg.To, msg.Body)
	}
	u, _ := url.Parse(link)
	tok := u.Query().Get("jeton")
	if rec := ts.do("GET", link, ""); rec.Code != http.StatusOK {
		t.Fatalf("link page: %d", rec.Code)
	}
	short := serve(ts, postForm("/mot-de-passe/nouveau", "jeton="+tok+"&password=court"))
	if short.Code != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d, want 422", short.Code)
	}
	done := serve(ts, postForm("/mot-de-passe/nouveau", "jeton="+tok+"&password=un-nouveau-mot-de-passe"))
	if done.Code != http.StatusOK || !strings.Contains(done.Body.String(), "mot de passe est changé") {
		t.Fatalf("new password: %d", done.Code)
	}
	again := serve(ts, postForm("/mot-de-passe/nouveau", "jeton="+tok+"&password=encore-un-autre-mot"))
	if again.Code != http.StatusUnprocessableEntity {
		t.Errorf("link used twice: %d, want 422", again.Code)
	}
	signIn := serve(ts, postForm("/connexion", "email=usager%40demo.guichet.test&password=un-nouveau-mot-de-passe"))
	if signIn.Code != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: %d", signIn.Code)
	}
}
