package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// confirmLink returns the confirmation link e-mailed to email, as a path.
func confirmLink(t *testing.T, ts *testServer, email string) string {
	t.Helper()
	for _, m := range queuedMails(t, ts) {
		if m.To == email {
			if link := regexp.MustCompile(`/inscription/confirmer\?\S+`).FindString(m.Body); link != "" {
				return link
			}
		}
	}
	t.Fatalf("no confirmation link e-mailed to %s", email)
	return ""
}

// signUpAndConfirm follows the sign-up page reached from signinPage (the
// sign-in page a start link led to), confirms the address from the e-mail
// and sends the sign-in form of the confirmation page; it returns the
// redirection the sign-in answers.
func signUpAndConfirm(t *testing.T, cs *catalogueServer, signupPath, email string) string {
	t.Helper()
	signup := cs.get(signupPath, "").Body.String()
	form := url.Values{"name": {"Zoé Martin"}, "email": {email}, "password": {"une phrase assez longue"}}
	if m := regexp.MustCompile(`name="suite" value="([^"]*)"`).FindStringSubmatch(signup); m != nil {
		form.Set("suite", html.UnescapeString(m[1]))
	}
	if rec := serve(cs.testServer, postForm("/inscription", form.Encode())); rec.Code != http.StatusOK {
		t.Fatalf("sign-up: %d %.500s", rec.Code, rec.Body.String())
	}
	link := confirmLink(t, cs.testServer, email)
	confirm := cs.get(link, "").Body.String()
	u, _ := url.Parse(link)
	post := url.Values{"jeton": {u.Query().Get("jeton")}}
	if m := regexp.MustCompile(`name="suite" value="([^"]*)"`).FindStringSubmatch(confirm); m != nil {
		post.Set("suite", html.UnescapeString(m[1]))
	}
	signin := serve(cs.testServer, postForm("/inscription/confirmer", post.Encode()))
	if signin.Code != http.StatusOK || !strings.Contains(signin.Body.String(), "adresse est confirmée") {
		t.Fatalf("confirm: %d %.500s", signin.Code, signin.Body.String())
	}
	in := url.Values{"email": {email}, "password": {"une phrase assez longue"}}
	if m := regexp.MustCompile(`name="suite" value="([^"]*)"`).FindStringSubmatch(signin.Body.String()); m != nil {
		in.Set("suite", html.UnescapeString(m[1]))
	}
	rec := serve(cs.testServer, postForm("/connexion", in.Encode()))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d %.500s", rec.Code, rec.Body.String())
	}
	return rec.Header().Get("Location")
}

// TestSignUpComesBackToTheProcedure: a person without an account follows
// a procedure's start link, creates an account from the sign-in page,
// confirms their address from the e-mail and signs in: they land on the
// procedure's start, which opens their draft.
func TestSignUpComesBackToTheProcedure(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	publishTestForm(t, cs.testServer)
	start := "/demarches/" + testSlug + "/commencer"
	signin := cs.get(cs.get(start, "").Header().Get("Location"), "").Body.String()
	m := regexp.MustCompile(`href="(/inscription\?suite=[^"]+)"`).FindStringSubmatch(signin)
	if m == nil {
		t.Fatalf("sign-in page without a sign-up link: %.1000s", signin)
	}
	signupPath, _ := url.PathUnescape(html.UnescapeString(m[1]))
	signupPath = "/inscription?" + url.Values{"suite": {strings.TrimPrefix(signupPath, "/inscription?suite=")}}.Encode()
	if got := signUpAndConfirm(t, cs, signupPath, "zoe@exemple.fr"); got != start {
		t.Fatalf("after confirming and signing in: %q, want %q", got, start)
	}
	link := confirmLink(t, cs.testServer, "zoe@exemple.fr")
	if !strings.Contains(link, "suite="+url.QueryEscape(start)) {
		t.Errorf("confirmation link %q does not lead back to %s", link, start)
	}
}

// TestSignUpRefusesOffSiteNext: a sign-up whose way back points to another
// site (a link made by someone else) neither carries it into the e-mail
// nor follows it after sign-in.
func TestSignUpRefusesOffSiteNext(t *testing.T) {
	t.Parallel()
	cs := newCatalogueServer(t)
	for i, next := range []string{"https://pirate.example/", "//pirate.example/demarches", "/\\pirate.example",
		"/%09/pirate.example", "javascript:alert(1)"} {
		email := "zoe" + string(rune('a'+i)) + "@exemple.fr"
		signupPath := "/inscription?" + url.Values{"suite": {next}}.Encode()
		if page := cs.get(signupPath, "").Body.String(); strings.Contains(page, "pirate") {
			t.Errorf("%q: the sign-up page keeps it", next)
		}
		// Posted straight to the sign-up form, as a crafted page could.
		form := url.Values{"name": {"Zoé"}, "email": {email}, "password": {"une phrase assez longue"}, "suite": {next}}
		if rec := serve(cs.testServer, postForm("/inscription", form.Encode())); rec.Code != http.StatusOK ||
			strings.Contains(rec.Body.String(), "pirate") {
			t.Fatalf("%q: sign-up %d", next, rec.Code)
		}
		link := confirmLink(t, cs.testServer, email)
		if strings.Contains(link, "suite") {
			t.Errorf("%q: the e-mailed link carries it: %s", next, link)
		}
		// Added to the link by hand, the pages drop it all the same.
		u, _ := url.Parse(link)
		crafted := link + "&" + url.Values{"suite": {next}}.Encode()
		if page := cs.get(crafted, "").Body.String(); strings.Contains(page, "pirate") {
			t.Errorf("%q: the confirmation page keeps it", next)
		}
		confirm := serve(cs.testServer, postForm("/inscription/confirmer",
			url.Values{"jeton": {u.Query().Get("jeton")}, "suite": {next}}.Encode()))
		if strings.Contains(confirm.Body.String(), "pirate") {
			t.Errorf("%q: the sign-in form after confirming keeps it", next)
		}
		rec := serve(cs.testServer, postForm("/connexion",
			url.Values{"email": {email}, "password": {"une phrase assez longue"}, "suite": {next}}.Encode()))
		if got := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || got != "/compte" {
			t.Errorf("%q: sign-in went to %q (%d), want /compte", next, got, rec.Code)
		}
	}
}
