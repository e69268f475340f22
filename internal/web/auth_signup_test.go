package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// queuedMails returns the e-mails waiting in the jobs table, oldest first.
func queuedMails(t *testing.T, ts *testServer) []struct{ To, Subject, Body string } {
	t.Helper()
	rows, err := ts.db.Query(`SELECT payload FROM jobs WHERE kind = 'mail.send' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []struct{ To, Subject, Body string }
	for rows.Next() {
		var payload string
		if err := rows.Scan(&payload); err != nil {
			t.Fatal(err)
		}
		var m struct{ To, Subject, Body string }
		if err := json.Unmarshal([]byte(ts.openPayload(t, payload)), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// TestSignUpSameAnswerForKnownAddress: the page answers a known address as
// it answers a new one, and opens no session for either.
func TestSignUpSameAnswerForKnownAddress(t *testing.T) {
	ts := newTestServer(t)
	fresh := serve(ts, postForm("/inscription", "name=Zo%C3%A9&email=zoe%40exemple.fr&password=une+phrase+assez+longue"))
	known := serve(ts, postForm("/inscription", "name=Zo%C3%A9&email=usager%40demo.guichet.test&password=une+phrase+assez+longue"))
	if fresh.Code != known.Code || fresh.Code != http.StatusOK {
		t.Fatalf("statuses %d and %d, want 200 for both", fresh.Code, known.Code)
	}
	norm := func(s string) string {
		return strings.NewReplacer("zoe@exemple.fr", "X", "usager@demo.guichet.test", "X").Replace(s)
	}
	if norm(fresh.Body.String()) != norm(known.Body.String()) {
		t.Error("the page for a known address differs from the page for a new one")
	}
	if len(fresh.Result().Cookies())+len(known.Result().Cookies()) != 0 {
		t.Error("sign-up opened a session before the address is confirmed")
	}
	ms := queuedMails(t, ts)
	if len(ms) != 2 || ms[0].To != "zoe@exemple.fr" || ms[1].To != "usager@demo.guichet.test" ||
		!strings.Contains(ms[1].Body, "Quelqu'un a essayé de créer un compte") {
		t.Fatalf("e-mails %+v, want a link to the new address and a notice to the known one", ms)
	}

	// Before confirming, the right password leads to a page that says what to do.
	early := serve(ts, postForm("/connexion", "email=zoe%40exemple.fr&password=une+phrase+assez+longue"))
	if early.Code != http.StatusForbidden || !strings.Contains(early.Body.String(), "pas encore confirmée") ||
		!strings.Contains(early.Body.String(), `action="/inscription/renvoyer"`) {
		t.Fatalf("sign-in before confirming: %d, want 403 with a way to resend the link", early.Code)
	}
	link := regexp.MustCompile(`/inscription/confirmer\?jeton=[A-Za-z0-9_-]+`).FindString(ms[0].Body)
	u, _ := url.Parse(link)
	// Opening the link (a mail scanner may) changes nothing; the button does.
	if rec := ts.do("GET", link, ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `method="post"`) {
		t.Fatalf("link page: %d", rec.Code)
	}
	if rec := serve(ts, postForm("/connexion", "email=zoe%40exemple.fr&password=une+phrase+assez+longue")); rec.Code != http.StatusForbidden {
		t.Fatalf("GET of the link confirmed the address: %d", rec.Code)
	}
	if rec := serve(ts, postForm("/inscription/confirmer", "jeton="+u.Query().Get("jeton"))); rec.Code != http.StatusOK ||
		!strings.Contains(rec.Body.String(), "adresse est confirmée") {
		t.Fatalf("confirm: %d", rec.Code)
	}
	if rec := serve(ts, postForm("/connexion", "email=zoe%40exemple.fr&password=une+phrase+assez+longue")); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign-in after confirming: %d", rec.Code)
	}
}

// TestSignUpThrottled limits sign-ups from one client address.
func TestSignUpThrottled(t *testing.T) {
	ts := newTestServer(t)
	var rec *httpRecorder
	for i := range 30 {
		rec = serve(ts, postForm("/inscription", "name=Z&email=z"+string(rune('a'+i))+"%40exemple.fr&password=une+phrase+assez+longue"))
		if rec.Code != http.StatusOK {
			break
		}
	}
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "attendez") {
		t.Fatalf("status %d, want 429 saying how long to wait", rec.Code)
	}
}
