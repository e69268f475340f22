package main

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/notify"
	"guichet/internal/sms/smstest"
)

// TestCollectiveSendSurvivesSIGKILL queues a collective send of n SMS, lets
// `guichet serve` hand them to the provider simulator, kills it with
// SIGKILL halfway, restarts it, and counts, by idempotency key, the
// messages the simulator received once, twice (duplicates) or never (lost).
// The simulator does not deduplicate, as neither real provider documents
// doing so. With Brevo, which can be searched by our key, the messages that
// were with the provider at the kill are looked up rather than sent again:
// each is delivered exactly once. With SMSFactor, which cannot be asked,
// they are never sent again either: none twice, and the few the simulator
// never got are technical failures (see internal/notify's package comment).
func TestCollectiveSendSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the job leases of the killed process to expire (a minute)")
	}
	for _, provider := range []string{smstest.Brevo, smstest.SMSFactor} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			killHalfway(t, provider)
		})
	}
}

func killHalfway(t *testing.T, provider string) {
	const n = 3000
	sim := smstest.New("jeton")
	defer sim.Close()
	data, dbURL := t.TempDir(), dbtest.URL(t)
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := notify.New(db, notify.Options{})
	if err := svc.SetRateLimit(ctx, 1, 100000); err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("telephone,numero\n")
	for i := range n {
		fmt.Fprintf(&csv, "06%08d,%d\n", i, i)
	}
	c, err := svc.PrepareCollective(ctx, notify.CollectiveText{OrgID: 1, Channel: notify.SMS,
		Body: "Votre passeport est prêt (dossier ((numero)))."}, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SendCollective(ctx, 1, c.ID); err != nil {
		t.Fatal(err)
	}
	// SMS wait for the morning when the test runs at night (quiet hours,
	// tested in internal/notify): let them go now.
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := db.ExecContext(ctx, `UPDATE jobs SET run_at = $1`, now); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE notify_messages SET send_after = $1`, now); err != nil {
		t.Fatal(err)
	}
	env := []string{"GUICHET_SMS_PROVIDER=" + provider, "GUICHET_SMS_API_KEY=jeton", "GUICHET_SMS_BASE_URL=" + sim.URL,
		"GUICHET_SMS_CALLBACK_SECRET=secret-des-accuses-16"}
	s := startServer(t, data, dbURL, env, "--workers", "4")
	start := time.Now()
	waitFor(t, 60*time.Second, func() bool { return sim.Len() >= n/3 }, "a third of the messages sent", s)
	s.kill(t)
	before, elapsed := sim.Len(), time.Since(start)
	t.Logf("%s: killed after %d of %d messages (%.0f messages a minute before the kill)", provider, before, n,
		float64(before)/elapsed.Minutes())
	s2 := startServer(t, data, dbURL, env, "--workers", "4")
	// The killed process's jobs come back when their lease (a minute) ends;
	// then every message is settled: handed over, or a technical failure.
	// (A message in sending without the provider's id is still unknown.)
	waitFor(t, 150*time.Second, func() bool {
		var settled int
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_messages
			WHERE status = 'sending' AND provider_id <> '' OR status = 'technical-failure'`).Scan(&settled)
		return settled == n
	}, "every message settled", s2)
	got, err := svc.Collective(ctx, 1, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	once, dups := distinct(sim), len(sim.Duplicates())
	lost := n - once
	t.Logf("%s: after restart: %d sends, %d keys delivered, %d delivered twice, %d lost; statuses %v",
		provider, sim.Len(), once, dups, lost, got.Counts)
	if dups != 0 || sim.Len() != once {
		t.Errorf("%d messages delivered twice (%d sends for %d keys)", dups, sim.Len(), once)
	}
	// A technical failure is a message whose fate was unknown: some reached
	// the simulator before the kill, the others never will.
	if unknown := got.Counts[notify.StatusTechnicalFailure]; unknown < lost {
		t.Errorf("%d messages never reached the simulator, but only %d are technical failures", lost, unknown)
	}
	switch provider {
	case smstest.Brevo:
		if lost != 0 {
			t.Errorf("%d messages lost with a provider that can be asked", lost)
		}
	case smstest.SMSFactor:
		if unknown := got.Counts[notify.StatusTechnicalFailure]; unknown > 4*16 {
			t.Errorf("%d messages left unknown, more than the 4 workers × 16 sends in flight", unknown)
		}
	}
}

// distinct counts the idempotency keys the simulator received.
func distinct(sim *smstest.Server) int {
	keys := map[string]bool{}
	for _, m := range sim.Messages() {
		keys[m.Key] = true
	}
	return len(keys)
}

func waitFor(t *testing.T, d time.Duration, ok func() bool, what string, s *server) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	logs := s.logs()
	t.Fatalf("timed out waiting for: %s\n%.3000s", what, logs[max(0, len(logs)-3000):])
}

// TestCollectiveEmailWithBadLinesThroughTheBinary is issue 11's check on
// `guichet serve --demo`: the CAF agent signs in with the second factor,
// uploads a list of four lines of which two are bad, sees the bad ones
// listed, sends, and the two good lines, and only they, reach the mail
// outbox, as multipart e-mails with their placeholders filled. (E-mail,
// not SMS, so that quiet hours do not hold the test at night.)
// collectiveMark is in the collective e-mail's text only, so that the demo's
// own e-mails (appointment confirmations among them) are not counted.
const collectiveMark = "envoi-collectif-7"

func TestCollectiveEmailWithBadLinesThroughTheBinary(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data, dbtest.URL(t), nil, "--demo")
	c := newClient()
	resp, _ := post(t, c, s.baseURL+"/connexion", url.Values{"email": {"agent@demo.guichet.test"}, "password": {"agent-demo-2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	if resp, _ = post(t, c, s.baseURL+"/connexion/second-facteur", url.Values{"code": {totpNow(t, "UC76SDZV734YMMGAMCMV3DL4NS3KMACU")}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second factor: %d", resp.StatusCode)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("channel", "email")
	mw.WriteField("subject", "Votre rendez-vous à la CAF")
	mw.WriteField("body", "Bonjour ((prenom)),\n\nVotre rendez-vous est confirmé (envoi-collectif-7).")
	fw, _ := mw.CreateFormFile("file", "liste.csv")
	fw.Write([]byte("email;prenom\nzoe@exemple.fr;Zoé\npas-une-adresse;Léo\nmax@exemple.fr;Max\nlea@exemple.fr;\n"))
	mw.Close()
	req, _ := http.NewRequest("POST", s.baseURL+"/espace/caf/envois", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	review := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(review, "/espace/caf/envois/") {
		t.Fatalf("upload: %d to %q", resp.StatusCode, review)
	}
	_, body := get(t, c, s.baseURL+review)
	for _, want := range []string{"2 destinataires", "<td>3</td>", "<td>5</td>", "Bonjour Zoé"} {
		if !strings.Contains(body, want) {
			t.Errorf("review misses %q", want)
		}
	}
	if resp, _ = post(t, c, s.baseURL+review+"/envoyer", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("send: %d", resp.StatusCode)
	}
	outbox := filepath.Join(data, "outbox")
	var sent []string
	waitFor(t, 30*time.Second, func() bool {
		sent = nil
		files, _ := filepath.Glob(filepath.Join(outbox, "*.eml"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if strings.Contains(string(b), collectiveMark) {
				sent = append(sent, string(b))
			}
		}
		return len(sent) >= 2
	}, "the good lines in the mail outbox", s)
	// Every message of the send handed over: nothing more may come.
	waitFor(t, 30*time.Second, func() bool {
		_, body := get(t, c, s.baseURL+review)
		return strings.Contains(body, "2 envoyés</strong> sur 2")
	}, "the progress page to count both e-mails sent", s)
	files, _ := filepath.Glob(filepath.Join(outbox, "*.eml"))
	var collective int
	for _, f := range files {
		b, _ := os.ReadFile(f)
		text := string(b)
		if !strings.Contains(text, collectiveMark) {
			continue
		}
		collective++
		if !strings.Contains(text, "multipart/alternative") || strings.Contains(text, "((") {
			t.Errorf("e-mail not multipart or with a placeholder left: %.600s", text)
		}
		if strings.Contains(text, "pas-une-adresse") || strings.Contains(text, "lea@exemple.fr") {
			t.Errorf("a bad line was sent: %.300s", text)
		}
	}
	if collective != 2 {
		t.Errorf("%d e-mails of the collective send, want 2", collective)
	}
}
