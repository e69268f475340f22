package mail

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/jobs"
)

func TestSMTPDelivers(t *testing.T) {
	t.Parallel()
	serverTLS, clientTLS := selfSignedTLS(t)
	tests := []struct {
		name       string
		server     *fakeSMTP
		user, pass string
		wantTLS    bool
	}{
		{"plain, no authentication", &fakeSMTP{}, "", "", false},
		{"authentication to this machine", &fakeSMTP{user: "guichet", pass: "s3cret"}, "guichet", "s3cret", false},
		{"STARTTLS then authentication", &fakeSMTP{tls: serverTLS, user: "guichet", pass: "s3cret"}, "guichet", "s3cret", true},
	}
	m := Message{To: "Zoé Lefèvre <zoe@exemple.fr>", Subject: "Votre passeport est prêt", Body: "Bonjour Zoé,\n\nVotre passeport est prêt.\n.\nLigne après un point seul."}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSMTP(t, tt.server)
			s := &smtpSender{
				c:   SMTPConfig{Addr: srv.addr, Username: tt.user, Password: tt.pass, From: "Mairie de Lyon <ne-pas-repondre@lyon.exemple.fr>"},
				tls: clientTLS,
				now: time.Now,
			}
			if err := s.Send(context.Background(), m, "mail.send:dossier-5"); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := srv.messages()
			if len(got) != 1 {
				t.Fatalf("server got %d messages, want 1", len(got))
			}
			r := got[0]
			if r.From != "ne-pas-repondre@lyon.exemple.fr" || r.To != "zoe@exemple.fr" || r.TLS != tt.wantTLS || r.AuthAs != tt.user {
				t.Errorf("envelope: got %+v, want from ne-pas-repondre@lyon.exemple.fr to zoe@exemple.fr, TLS %v, auth %q",
					r, tt.wantTLS, tt.user)
			}
			if diff := cmp.Diff(m, readBack(t, r.Data)); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
			wantID := "Message-ID: <" + keyHash("mail.send:dossier-5") + "@lyon.exemple.fr>"
			if !strings.Contains(r.Data, wantID) {
				t.Errorf("message lacks %q", wantID)
			}
		})
	}
}

func TestSMTPFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		server        *fakeSMTP
		user, pass    string
		from          string
		wantPermanent bool
	}{
		{"recipient unknown", &fakeSMTP{rcptReply: "550 5.1.1 User unknown"}, "", "", "guichet@exemple.fr", true},
		{"mailbox busy", &fakeSMTP{rcptReply: "451 4.3.0 Try again later"}, "", "", "guichet@exemple.fr", false},
		{"wrong password", &fakeSMTP{user: "guichet", pass: "s3cret"}, "guichet", "oops", "guichet@exemple.fr", false},
		{"sender misconfigured", &fakeSMTP{}, "", "", "guichet\r\nBcc: x@exemple.fr", false},
		{"server down", nil, "", "", "guichet@exemple.fr", false},
	}
	m := Message{To: "zoe@exemple.fr", Subject: "Objet", Body: "Texte"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := "127.0.0.1:1" // nothing listens there
			if tt.server != nil {
				addr = startSMTP(t, tt.server).addr
			}
			err := NewSMTP(SMTPConfig{Addr: addr, Username: tt.user, Password: tt.pass, From: tt.from}).
				Send(context.Background(), m, "k")
			if err == nil {
				t.Fatal("got nil error, want one")
			}
			if got := jobs.IsPermanent(err); got != tt.wantPermanent {
				t.Errorf("permanent: got %v, want %v (%v)", got, tt.wantPermanent, err)
			}
			if tt.server != nil && len(tt.server.messages()) != 0 {
				t.Errorf("the server accepted a message")
			}
		})
	}
}

func TestSMTPRequireTLS(t *testing.T) {
	t.Parallel()
	serverTLS, clientTLS := selfSignedTLS(t)
	_, otherRoots := selfSignedTLS(t) // trusts another certificate: the handshake fails
	m := Message{To: "zoe@exemple.fr", Subject: "Objet", Body: "Texte"}
	tests := []struct {
		name    string
		server  *fakeSMTP
		client  *tls.Config
		wantErr bool
	}{
		{"no STARTTLS offered", &fakeSMTP{}, clientTLS, true},
		{"no STARTTLS offered, with a password", &fakeSMTP{user: "guichet", pass: "s3cret"}, clientTLS, true},
		{"STARTTLS fails", &fakeSMTP{tls: serverTLS}, otherRoots, true},
		{"STARTTLS works", &fakeSMTP{tls: serverTLS}, clientTLS, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSMTP(t, tt.server)
			s := &smtpSender{c: SMTPConfig{Addr: srv.addr, Username: tt.server.user, Password: tt.server.pass,
				From: "guichet@exemple.fr", RequireTLS: true}, tls: tt.client, now: time.Now}
			err := s.Send(context.Background(), m, "k")
			if tt.wantErr {
				if err == nil {
					t.Fatal("sent without TLS while TLS is required")
				}
				if n := len(srv.messages()); n != 0 {
					t.Errorf("the server got %d messages, want none", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if got := srv.messages(); len(got) != 1 || !got[0].TLS {
				t.Errorf("got %+v, want one message over TLS", got)
			}
		})
	}
}

func TestSMTPStopsWithContext(t *testing.T) {
	t.Parallel()
	// A server that accepts the connection and never greets.
	srv := startSilent(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := NewSMTP(SMTPConfig{Addr: srv, From: "guichet@exemple.fr"}).
		Send(ctx, Message{To: "zoe@exemple.fr", Subject: "s"}, "k")
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("got %v after %v, want an error soon after the deadline", err, time.Since(start))
	}
}
