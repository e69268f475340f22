package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/dossiers"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/notify"
	"guichet/internal/sms"
	"guichet/internal/testkit"
)

// sendingServer is a catalogue server whose notifications really go out:
// a queue, and the outboxes of DATA (outbox/ for e-mails, outbox/sms/ for
// SMS), as a development instance has them.
type sendingServer struct {
	*catalogueServer
	queue *jobs.Queue
	data  string
}

func newSendingServer(t *testing.T) *sendingServer {
	t.Helper()
	cs := newCatalogueServer(t)
	publishTestForm(t, cs.testServer)
	// A weekday at 11:00 in Paris: no SMS held back for the night.
	day := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	cs.Now = func() time.Time { return day }
	ss := &sendingServer{catalogueServer: cs, data: t.TempDir()}
	ss.queue = jobs.New(cs.db, jobs.Options{Now: cs.Now, Logger: slog.New(slog.DiscardHandler)})
	outbox := filepath.Join(ss.data, "outbox")
	cs.Notify = notify.New(cs.db, notify.Options{Now: cs.Now, Jobs: ss.queue, Mail: mail.NewOutbox(outbox),
		SMS: sms.NewOutbox(filepath.Join(outbox, "sms"), cs.Now), Box: testkit.Box(t), Logger: slog.New(slog.DiscardHandler)})
	cs.Dossiers = dossiers.New(cs.db, dossiers.Options{Now: cs.Now, FilesDir: t.TempDir(), BaseURL: "http://127.0.0.1:8080",
		Notifier: cs.Notify, Jobs: ss.queue})
	return ss
}

// work runs every job due.
func (ss *sendingServer) work(t *testing.T) {
	t.Helper()
	for {
		ran, err := ss.queue.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}

// outbox returns the files of an outbox folder whose content holds want.
func (ss *sendingServer) outbox(t *testing.T, dir, ext, want string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(ss.data, dir, "*."+ext))
	var found []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), want) {
			found = append(found, string(b))
		}
	}
	return found
}

// sendThroughPages makes the demo citizen fill a dossier of testSlug and
// send it with the "Envoyer" button; it returns the dossier and the
// reference shown on the receipt page.
func (ss *sendingServer) sendThroughPages(t *testing.T) (int64, string) {
	t.Helper()
	id := sentDraft(t, ss.testServer)
	base := "/mes-demarches/" + strconv.FormatInt(id, 10)
	if rec := ss.post(base+"/envoyer", citizen, url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("submit: %d %.500s", rec.Code, rec.Body.String())
	}
	receipt := ss.get(base+"/recu", citizen).Body.String()
	ref := regexp.MustCompile(`[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}`).FindString(receipt)
	if ref == "" || !strings.Contains(receipt, "Donnez votre avis") || !strings.Contains(receipt, "/demarches/"+testSlug+"/avis") {
		t.Fatalf("receipt without a reference or the feedback link: %.1000s", receipt)
	}
	return id, ref
}

// A citizen who chose SMS, with a confirmed phone, sends a dossier through
// the pages: the SMS outbox holds a message with its reference, and the
// agent's moves send the "state changed" message. Back to e-mail, their next
// dossier's receipt is in the mail outbox.
func TestDossierNotifiesByTheChosenChannel(t *testing.T) {
	t.Parallel()
	ss := newSendingServer(t)
	rec := ss.post("/compte/notifications/telephone", citizen, url.Values{"phone": {"06 12 34 56 78"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("phone: %d %.300s", rec.Code, rec.Body.String())
	}
	var code string
	ss.db.QueryRowContext(context.Background(), `SELECT body FROM notify_messages WHERE event = 'phone_code'`).Scan(&code)
	if rec := ss.post("/compte/notifications/code", citizen, url.Values{"code": {sixDigits.FindString(code)}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("code: %d %.300s", rec.Code, rec.Body.String())
	}
	if rec := ss.post("/compte/notifications", citizen, url.Values{"channels": {"sms"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("channels: %d", rec.Code)
	}
	id, ref := ss.sendThroughPages(t)
	ss.work(t)
	got := ss.outbox(t, "outbox/sms", "json", ref)
	if len(got) != 1 || !strings.Contains(got[0], `"to": "+33612345678"`) && !strings.Contains(got[0], `"to":"+33612345678"`) ||
		!strings.Contains(got[0], "Votre demande "+ref) {
		t.Fatalf("SMS outbox for %s: %q", ref, got)
	}
	if mails := ss.outbox(t, "outbox", "eml", ref); len(mails) != 0 {
		t.Errorf("an SMS-only person got %d e-mails", len(mails))
	}
	// The agent takes the dossier up, then accepts it.
	agent := demoAgent(t, ss.testServer)
	for _, to := range []dossiers.State{dossiers.InInstruction, dossiers.Accepted} {
		if err := ss.Dossiers.Move(context.Background(), id, agent, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	ss.work(t)
	for _, want := range []string{ref + " : en cours de traitement", ref + " : accepté"} {
		if got := ss.outbox(t, "outbox/sms", "json", want); len(got) != 1 {
			t.Errorf("SMS %q: %d found", want, len(got))
		}
	}
	// The same person back to e-mail only: the receipt is an e-mail.
	if rec := ss.post("/compte/notifications", citizen, url.Values{"channels": {"email"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("channels: %d", rec.Code)
	}
	_, ref2 := ss.sendThroughPages(t)
	ss.work(t)
	if mails := ss.outbox(t, "outbox", "eml", ref2); len(mails) != 1 || !strings.Contains(mails[0], "usager@demo.guichet.test") ||
		!strings.Contains(mails[0], "Donnez votre avis") || !strings.Contains(mails[0], testSlug+"/avis") {
		t.Fatalf("mail outbox for %s: %q", ref2, mails)
	}
	if got := ss.outbox(t, "outbox/sms", "json", ref2); len(got) != 0 {
		t.Errorf("an e-mail-only person got %d SMS", len(got))
	}
}
