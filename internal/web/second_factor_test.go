package web

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"guichet/internal/identity"
)

var secretPattern = regexp.MustCompile(`<code class="secret">([^<]+)</code>`)

// TestEnrolPageGetChangesNothing: a GET of the enrolment page, even sent
// from another site, never draws a new secret; only the POST button does.
func TestEnrolPageGetChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	u, err := ts.ids.UserByEmail(ctx, "usager@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	token, err := ts.ids.CreateSession(ctx, u.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	var before, after any
	ts.db.QueryRow(`SELECT totp_secret FROM users WHERE id = $1`, u.ID).Scan(&before)
	cross := getFrom("/connexion/second-facteur/activer", token, "cross-site")
	if rec := serve(ts, cross); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `action="/connexion/second-facteur/activer/cle"`) {
		t.Fatalf("enrolment page: %d, want 200 with a button that makes the key", rec.Code)
	}
	ts.db.QueryRow(`SELECT totp_secret FROM users WHERE id = $1`, u.ID).Scan(&after)
	if before != nil || after != nil {
		t.Fatalf("GET stored a secret: %v then %v", before, after)
	}
	made := serveWith(ts, postForm("/connexion/second-facteur/activer/cle", ""), token)
	if made.Code != http.StatusSeeOther {
		t.Fatalf("making the key: %d, want 303", made.Code)
	}
	first := secretPattern.FindStringSubmatch(ts.do("GET", "/connexion/second-facteur/activer", token).Body.String())
	second := secretPattern.FindStringSubmatch(serve(ts, getFrom("/connexion/second-facteur/activer", token, "cross-site")).Body.String())
	if first == nil || second == nil || first[1] != second[1] {
		t.Fatalf("the pending key changed between two GETs: %v, %v", first, second)
	}
}

// TestCitizenWithSecondFactorIsAskedForIt: a citizen who turned the second
// factor on must type a code at sign-in before using the account.
func TestCitizenWithSecondFactorIsAskedForIt(t *testing.T) {
	ts := newTestServer(t)
	const right = "email=usager%40demo.guichet.test&password=usager-demo-2026"
	token := sessionFrom(t, serve(ts, postForm("/connexion", right)).Result())
	serveWith(ts, postForm("/connexion/second-facteur/activer/cle", ""), token)
	m := secretPattern.FindStringSubmatch(ts.do("GET", "/connexion/second-facteur/activer", token).Body.String())
	if m == nil {
		t.Fatal("no key shown")
	}
	code, _ := identity.TOTPCode(html.UnescapeString(m[1]), time.Now())
	if rec := serveWith(ts, postForm("/connexion/second-facteur/activer", "code="+code), token); rec.Code != http.StatusOK {
		t.Fatalf("enrol: %d", rec.Code)
	}
	rec := serve(ts, postForm("/connexion", right))
	if rec.Header().Get("Location") != "/connexion/second-facteur" {
		t.Fatalf("sign-in with a second factor on: %d to %q, want the code page", rec.Code, rec.Header().Get("Location"))
	}
	pending := sessionFrom(t, rec.Result())
	if got := ts.do("GET", "/compte", pending); got.Code != http.StatusSeeOther || got.Header().Get("Location") != "/connexion/second-facteur" {
		t.Fatalf("account page before the code: %d to %q", got.Code, got.Header().Get("Location"))
	}
	code, _ = identity.TOTPCode(html.UnescapeString(m[1]), time.Now().Add(30*time.Second))
	done := serveWith(ts, postForm("/connexion/second-facteur", "code="+code), pending)
	if done.Code != http.StatusSeeOther || done.Header().Get("Location") != "/compte" {
		t.Fatalf("code: %d to %q, want /compte", done.Code, done.Header().Get("Location"))
	}
	if got := ts.do("GET", "/compte", pending); got.Code != http.StatusOK {
		t.Fatalf("account page after the code: %d", got.Code)
	}
}

func getFrom(path, token, site string) *http.Request {
	req, _ := http.NewRequest("GET", path, nil)
	req.RemoteAddr = "192.0.2.1:1234"
	req.Header.Set("Sec-Fetch-Site", site)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	return req
}
