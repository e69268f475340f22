package notify

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/jobs"
	gmail "guichet/internal/mail"
	"guichet/internal/testkit"
)

// An e-mail goes out as multipart/alternative: the plain text and its HTML
// version, placeholders filled in both, and what the data holds escaped in
// the HTML, read back by a standard MIME parser from the outbox file.
func TestEmailIsPlainTextAndEscapedHTML(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil)
	ctx := context.Background()
	ev := received("AB23-CD45")
	ev.Data["procedure"] = `Aide <b>"urgente"</b> & co`
	ev.Recipient = Recipient{Email: "zoe@exemple.fr"}
	if err := f.svc.Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	f.work()
	files, _ := filepath.Glob(filepath.Join(f.data, "outbox", "*.eml"))
	if len(files) != 1 {
		t.Fatalf("%d e-mails in the outbox", len(files))
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	mediaType, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	parts := map[string]string{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p)
		mt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		parts[mt] = string(b)
	}
	plain, html := parts["text/plain"], parts["text/html"]
	if !strings.Contains(plain, "AB23-CD45") || !strings.Contains(plain, `Aide <b>"urgente"</b> & co`) {
		t.Errorf("plain text: %q", plain)
	}
	if !strings.Contains(html, "AB23-CD45") || !strings.Contains(html, "Aide &lt;b&gt;&#34;urgente&#34;&lt;/b&gt; &amp; co") ||
		strings.Contains(html, "<b>") || !strings.Contains(html, "<p>") {
		t.Errorf("HTML: %q", html)
	}
	for name, text := range parts {
		if strings.Contains(text, "((") {
			t.Errorf("%s keeps a placeholder: %q", name, text)
		}
	}
}

// scriptedMail answers each send with the next of its errors (nil once
// they are used up), as an SMTP server answering 4xx, then 250.
type scriptedMail struct {
	mu   sync.Mutex
	errs []error
	sent int
}

func (s *scriptedMail) Send(ctx context.Context, m gmail.Message, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) > 0 {
		err := s.errs[0]
		s.errs = s.errs[1:]
		return err
	}
	s.sent++
	return nil
}

// E-mail statuses follow the SMTP server's replies as the SMTP sender
// classifies them: accepted is delivered; 5xx a permanent failure, not
// retried; 4xx a temporary failure, retried with backoff until accepted.
func TestEmailStatusesFollowSMTPReplies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		replies  []error
		statuses []string // after each run of the queue
	}{
		{"accepted", nil, []string{StatusDelivered}},
		{"5xx", []error{jobs.Permanent(&textproto.Error{Code: 550, Msg: "5.1.1 mailbox unknown"})},
			[]string{StatusPermanentFailure, StatusPermanentFailure}},
		{"4xx then accepted", []error{&textproto.Error{Code: 451, Msg: "4.7.1 try again later"}},
			[]string{StatusTemporaryFailure, StatusDelivered}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, nil)
			smtp := &scriptedMail{errs: tc.replies}
			f.queue = jobs.New(f.db, jobs.Options{Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler),
				Backoff: func(attempt int) time.Duration { return time.Duration(attempt) * time.Minute }})
			f.svc = New(f.db, Options{Now: f.clock.Now, Jobs: f.queue, Mail: smtp, Box: testkit.Box(t),
				Logger: slog.New(slog.DiscardHandler), MaxAttempts: 3})
			ev := received("EF67-GH89")
			ev.Recipient = Recipient{Email: "zoe@exemple.fr"}
			if err := f.svc.Notify(context.Background(), ev); err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.statuses {
				f.work()
				if m := f.messages("dossier-EF67-GH89")[0]; m.Status != want {
					t.Fatalf("run %d: status %s (%s), want %s", i+1, m.Status, m.Error, want)
				}
				f.clock.Advance(f.svc.jobsRetryWait())
			}
			if want := map[bool]int{true: 1, false: 0}[tc.statuses[len(tc.statuses)-1] == StatusDelivered]; smtp.sent != want {
				t.Errorf("accepted %d times, want %d", smtp.sent, want)
			}
		})
	}
}
