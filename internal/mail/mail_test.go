package mail

import (
	"strings"
	"testing"

	"guichet/internal/errs"
	"guichet/internal/jobs"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	ok := Message{To: "marie.dupont@exemple.fr", Subject: "Votre passeport est prêt", Body: "Bonjour,\nà bientôt."}
	with := func(change func(*Message)) Message {
		m := ok
		change(&m)
		return m
	}
	tests := []struct {
		name        string
		m           Message
		wantMessage string // "" when the message is valid
	}{
		{"plain address", ok, ""},
		{"address with a name", with(func(m *Message) { m.To = "Zoé Lefèvre <zoe.lefevre@exemple.fr>" }), ""},
		{"plus and subdomain", with(func(m *Message) { m.To = "jean+caf@mail.exemple-ville.fr" }), ""},
		{"empty subject and body", with(func(m *Message) { m.Subject, m.Body = "", "" }), ""},
		{"no address", with(func(m *Message) { m.To = "" }), msgBadAddress},
		{"no at sign", with(func(m *Message) { m.To = "marie.dupont.exemple.fr" }), msgBadAddress},
		{"domain without a dot", with(func(m *Message) { m.To = "marie@localhost" }), msgBadAddress},
		{"empty domain label", with(func(m *Message) { m.To = "marie@exemple..fr" }), msgBadAddress},
		{"domain label with a space", with(func(m *Message) { m.To = `"marie"@exe mple.fr` }), msgBadAddress},
		{"two addresses", with(func(m *Message) { m.To = "a@exemple.fr, b@exemple.fr" }), msgBadAddress},
		{"accented address", with(func(m *Message) { m.To = "zoé@exemple.fr" }), msgBadAddress},
		{"header injection in To", with(func(m *Message) { m.To = "a@exemple.fr\r\nBcc: victime@exemple.fr" }), msgBadAddress},
		{"line feed in To", with(func(m *Message) { m.To = "a@exemple.fr\nBcc: victime@exemple.fr" }), msgBadAddress},
		{"header injection in Subject", with(func(m *Message) { m.Subject = "Bonjour\r\nBcc: victime@exemple.fr" }), msgBadSubject},
		{"line feed in Subject", with(func(m *Message) { m.Subject = "Bonjour\nBcc: victime@exemple.fr" }), msgBadSubject},
		{"subject too long", with(func(m *Message) { m.Subject = strings.Repeat("é", maxSubject+1) }), msgLongSubject},
		{"body not UTF-8", with(func(m *Message) { m.Body = "caf\xe9" }), msgBadText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validate(tt.m)
			if tt.wantMessage == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if !errs.Is(err, errs.Invalid) || !jobs.IsPermanent(err) || errs.MessageOf(err) != tt.wantMessage {
				t.Errorf("got %v, want a permanent errs.Invalid %q", err, tt.wantMessage)
			}
		})
	}
}
