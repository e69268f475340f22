// Package mail sends Guichet's e-mails: through a local outbox folder in
// development, tests and demos, or through an SMTP server in production.
// Messages go out as durable jobs (see Enqueue and Handler), so a message is
// sent only when the change that caused it is committed, and retried until
// the server accepts it.
package mail

import (
	"context"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/jobs"
)

// Message is one UTF-8 e-mail to one person: plain text, and optionally
// the same in HTML, sent together as multipart/alternative so that each
// mail client shows the one it prefers.
type Message struct {
	// To is an address, "marie.dupont@exemple.fr", optionally with a name,
	// "Marie Dupont <marie.dupont@exemple.fr>".
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	// HTML is the body of the HTML version, already escaped (the content of
	// <body>); empty sends plain text only.
	HTML string `json:"html,omitempty"`
}

// Sender delivers messages. Send with the same key may happen twice (jobs run
// at least once); a Sender that can tell, like the outbox, delivers only once,
// and every Sender gives both sends the same Message-ID so that mail clients
// can drop the copy. Errors that retrying cannot fix are jobs.Permanent.
type Sender interface {
	Send(ctx context.Context, m Message, key string) error
}

// Finder is a Sender that can tell whether it already sent a message with
// a given key, as the outbox can (its file is there). An SMTP server cannot
// be asked.
type Finder interface {
	Holds(ctx context.Context, key string) (bool, error)
}

// The messages shown to a person whose message cannot be sent.
const (
	msgBadAddress  = "L'adresse e-mail du destinataire n'est pas valide. Vérifiez-la, par exemple : marie.dupont@exemple.fr."
	msgBadSubject  = "L'objet du message doit tenir sur une seule ligne."
	msgLongSubject = "L'objet du message est trop long : 200 caractères au plus."
	msgBadText     = "Le message contient des caractères que nous ne pouvons pas lire. Retapez-le."
)

// maxSubject keeps the Subject header well within the 998-byte line limit
// of RFC 5322, encoded or not.
const maxSubject = 200

// validate checks m before it is queued and again before it is sent. Every
// header field is refused if it holds a line break, which would let its
// author add headers of their own (header injection). The errors are
// Permanent: the message will not get better by waiting.
func validate(m Message) error {
	for _, s := range []string{m.To, m.Subject, m.Body, m.HTML} {
		if !utf8.ValidString(s) {
			return jobs.Permanent(errs.E(errs.Invalid, msgBadText))
		}
	}
	if _, err := parseAddress(m.To); err != nil {
		return err
	}
	if hasControl(m.Subject) {
		return jobs.Permanent(errs.E(errs.Invalid, msgBadSubject))
	}
	if utf8.RuneCountInString(m.Subject) > maxSubject {
		return jobs.Permanent(errs.E(errs.Invalid, msgLongSubject))
	}
	return nil
}

// parseAddress parses one plausible ASCII address, with or without a name.
func parseAddress(s string) (*mail.Address, error) {
	bad := jobs.Permanent(errs.E(errs.Invalid, msgBadAddress))
	if hasControl(s) {
		return nil, bad
	}
	a, err := mail.ParseAddress(s)
	if err != nil || !plausible(a.Address) {
		return nil, bad
	}
	return a, nil
}

// plausible tells whether addr looks like an address a mail server will
// route: one @, a local part, and a dotted domain of letters, digits and
// hyphens. Non-ASCII addresses are refused because sending them needs an
// SMTPUTF8 server, which we cannot count on.
func plausible(addr string) bool {
	local, domain, ok := strings.Cut(addr, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || !strings.Contains(domain, ".") {
		return false
	}
	for _, r := range addr {
		if r > unicode.MaxASCII || r <= ' ' {
			return false
		}
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") ||
			strings.ContainsFunc(label, func(r rune) bool {
				return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-')
			}) {
			return false
		}
	}
	return true
}

// hasControl tells whether s holds a line break or another control
// character, which have no place in a header field.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r != '\t' && unicode.IsControl(r) })
}
