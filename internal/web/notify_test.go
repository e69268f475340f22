package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guichet/internal/identity"
)

// notifyServer is a test server with a session per demo role.
type notifyServer struct {
	*testServer
	tokens map[string]string
}

func newNotifyServer(t *testing.T) *notifyServer {
	t.Helper()
	ts := newTestServer(t)
	ns := &notifyServer{testServer: ts, tokens: map[string]string{}}
	for _, v := range ts.visitors(t) {
		ns.tokens[v.name] = v.token
	}
	return ns
}

func (ns *notifyServer) post(path string, role identity.Role, form url.Values) *httptest.ResponseRecorder {
	req := postForm(path, form.Encode())
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: ns.tokens[string(role)]})
	return serve(ns.testServer, req)
}

func (ns *notifyServer) get(path string, role identity.Role) *httptest.ResponseRecorder {
	return ns.do("GET", path, ns.tokens[string(role)])
}

var sixDigits = regexp.MustCompile(`[0-9]{6}`)

// A citizen gives a phone, confirms it with the code sent by SMS and
// chooses SMS and e-mail, all without JavaScript.
func TestCitizenConfirmsPhoneAndChoosesChannels(t *testing.T) {
	t.Parallel()
	ns := newNotifyServer(t)
	const citizen = identity.RoleCitizen
	rec := ns.post("/compte/notifications/telephone", citizen, url.Values{"phone": {"06 12 34 56 78"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("phone: %d %.300s", rec.Code, rec.Body.String())
	}
	body := checkPage(t, ns.get(rec.Header().Get("Location"), citizen), http.StatusOK)
	if !strings.Contains(body, "Code reçu au") {
		t.Fatal("the code field is missing")
	}
	var sms string
	ns.db.QueryRowContext(context.Background(), `SELECT body FROM notify_messages WHERE event = 'phone_code'`).Scan(&sms)
	code := sixDigits.FindString(sms)
	if rec := ns.post("/compte/notifications/code", citizen, url.Values{"code": {"000000"}}); rec.Code != 422 && code != "000000" {
		t.Fatalf("wrong code: %d", rec.Code)
	}
	if rec := ns.post("/compte/notifications/code", citizen, url.Values{"code": {code}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("right code: %d %.300s", rec.Code, rec.Body.String())
	}
	if rec := ns.post("/compte/notifications", citizen, url.Values{"channels": {"both"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("channels: %d", rec.Code)
	}
	body = checkPage(t, ns.get("/compte/notifications?fait=canaux", citizen), http.StatusOK)
	for _, want := range []string{"Numéro confirmé : <strong>&#43;33612345678", `value="both" checked`, "Vos choix sont enregistrés"} {
		if !strings.Contains(body, want) {
			t.Errorf("page misses %q", want)
		}
	}
}

// "Vérifier" shows the encoding and parts of an SMS template without
// saving; "Enregistrer" refuses an unknown placeholder, then saves version 1.
func TestOwnerChecksAndSavesAnSMSTemplate(t *testing.T) {
	t.Parallel()
	ns := newNotifyServer(t)
	const owner = identity.RoleProcedureOwner
	path := "/espace/caf/notifications/dossier_received/sms"
	text := "Votre demande ((reference)) est prête, « merci »."
	body := checkPage(t, ns.post(path, owner, url.Values{"body": {text}, "transliterate": {"non"}, "action": {"verifier"}}), http.StatusOK)
	if !strings.Contains(body, "Unicode, 1 partie") || !strings.Contains(body, "Rien n&#39;est encore enregistré") {
		t.Errorf("kept accents: %s", regexp.MustCompile(`(?s)<p id="sms-count".*?</p>`).FindString(body))
	}
	body = checkPage(t, ns.post(path, owner, url.Values{"body": {text}, "transliterate": {"oui"}, "action": {"verifier"}}), http.StatusOK)
	if !strings.Contains(body, "alphabet SMS, 1 partie") {
		t.Errorf("transliterated: %s", regexp.MustCompile(`(?s)<p id="sms-count".*?</p>`).FindString(body))
	}
	body = checkPage(t, ns.post(path, owner, url.Values{"body": {"Bonjour ((nom))"}, "action": {"enregistrer"}}), 422)
	if !strings.Contains(body, "((nom)) n&#39;existe pas") {
		t.Error("unknown placeholder not shown")
	}
	body = checkPage(t, ns.post(path, owner, url.Values{"body": {text}, "transliterate": {"oui"}, "action": {"enregistrer"}}), http.StatusOK)
	if !strings.Contains(body, "version 1") {
		t.Error("not saved")
	}
	body = checkPage(t, ns.get("/espace/caf/notifications", owner), http.StatusOK)
	if !strings.Contains(body, "version 1") {
		t.Error("the list does not show version 1")
	}
}

// An agent uploads a CSV with a bad line, reviews count, cost and preview,
// sends, and follows the statuses.
func TestAgentSendsACollectiveMessage(t *testing.T) {
	t.Parallel()
	ns := newNotifyServer(t)
	const agent = identity.RoleAgent
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("channel", "sms")
	mw.WriteField("body", "Bonjour ((prenom)), votre carte est prête.")
	mw.WriteField("transliterate", "oui")
	fw, _ := mw.CreateFormFile("file", "liste.csv")
	fw.Write([]byte("telephone;prenom\n06 12 34 56 78;Zoé\n12;Léo\n07 98 76 54 32;Max\n"))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/espace/caf/envois", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: ns.tokens[string(agent)]})
	rec := serve(ns.testServer, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %.500s", rec.Code, rec.Body.String())
	}
	review := rec.Header().Get("Location")
	body := checkPage(t, ns.get(review, agent), http.StatusOK)
	for _, want := range []string{"2 destinataires", "2 parties de SMS", "Bonjour Zoé, votre carte est prete.", "<td>3</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("review misses %q", want)
		}
	}
	if rec := ns.post(review+"/envoyer", agent, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d", rec.Code)
	}
	body = checkPage(t, ns.get(review, agent), http.StatusOK)
	if !strings.Contains(body, "Suivi de l&#39;envoi") || !strings.Contains(body, "33798765432") {
		t.Error("progress page misses the recipients")
	}
	if rec := ns.get(review, identity.RoleProcedureOwner); rec.Code != http.StatusForbidden {
		t.Errorf("an owner opened an agent's send: %d", rec.Code)
	}
}

// uploadCollective posts a collective SMS with csv for org as role and
// returns the address of its review page.
func (ns *notifyServer) uploadCollective(t *testing.T, org string, role identity.Role, csv string) string {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("channel", "sms")
	mw.WriteField("body", "Bonjour ((prenom)), votre carte est prête.")
	fw, _ := mw.CreateFormFile("file", "liste.csv")
	fw.Write([]byte(csv))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/espace/"+org+"/envois", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: ns.tokens[string(role)]})
	rec := serve(ns.testServer, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %.500s", rec.Code, rec.Body.String())
	}
	return rec.Header().Get("Location")
}

// The organisation's administrator sets the pace of collective sends
// ("3 000" typed the French way); a pace out of bounds is refused with what
// was typed kept; a send then waits in the queue, and its progress page
// shows how many messages are queued and how many sent. Agents cannot
// change the pace.
func TestAdminSetsThePaceAndFollowsTheQueue(t *testing.T) {
	t.Parallel()
	ns := newNotifyServer(t)
	const admin = identity.RoleAdmin
	const page = "/espace/guichet/envois/rythme"
	body := checkPage(t, ns.get(page, admin), http.StatusOK)
	if !strings.Contains(body, "3000 messages par minute") || !strings.Contains(body, "Aucun message en file d'attente") {
		t.Errorf("rate page before: %.2000s", body)
	}
	rec := ns.post(page, admin, url.Values{"per_minute": {"deux cents"}})
	body = checkPage(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(body, "entre 1 et 100 000") || !strings.Contains(body, `value="deux cents"`) {
		t.Errorf("refused pace: %.2000s", body)
	}
	if rec := ns.post(page, admin, url.Values{"per_minute": {"2 000"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %.300s", rec.Code, rec.Body.String())
	}
	body = checkPage(t, ns.get(page+"?fait=rythme", admin), http.StatusOK)
	if !strings.Contains(body, "Rythme enregistré : 2000 messages par minute") {
		t.Errorf("after saving: %.2000s", body)
	}
	review := ns.uploadCollective(t, "guichet", admin, "telephone,prenom\n0612345678,Zoé\n0798765432,Max\n0611111111,Léa\n")
	if rec := ns.post(review+"/envoyer", admin, nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d", rec.Code)
	}
	body = checkPage(t, ns.get(review, admin), http.StatusOK)
	for _, want := range []string{"0 envoyé</strong> sur 3", "3 en file d'attente", `<progress max="3" value="0">`,
		"2000 messages par minute", `href="/espace/guichet/envois/rythme"`} {
		if !strings.Contains(body, want) {
			t.Errorf("progress misses %q: %.3000s", want, body)
		}
	}
	body = checkPage(t, ns.get(page, admin), http.StatusOK)
	if !strings.Contains(body, "En file d'attente : <strong>3 messages</strong>") {
		t.Errorf("rate page does not show the queue: %.2000s", body)
	}
	for _, role := range []identity.Role{identity.RoleAgent, identity.RoleProcedureOwner} {
		if rec := ns.post("/espace/caf/envois/rythme", role, url.Values{"per_minute": {"5"}}); rec.Code != http.StatusForbidden {
			t.Errorf("%s set the pace: %d", role, rec.Code)
		}
	}
}

// The live count answers what "Vérifier" shows.
func TestLiveSMSCount(t *testing.T) {
	t.Parallel()
	ns := newNotifyServer(t)
	rec := ns.post("/espace/caf/notifications/dossier_received/compter", identity.RoleProcedureOwner,
		url.Values{"body": {"Demande ((reference)) prête"}, "transliterate": {"non"}})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"Avec les exemples : Unicode, 1 partie, 28 caractères, encore 42 avant la partie suivante."`) {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
	if rec := ns.post("/espace/caf/notifications/dossier_received/compter", identity.RoleAgent, url.Values{"body": {"x"}}); rec.Code != http.StatusForbidden {
		t.Fatalf("an agent got the count: %d", rec.Code)
	}
}
