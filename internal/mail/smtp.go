package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"time"

	"guichet/internal/jobs"
)

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	Addr     string // host:port, e.g. smtp.exemple.fr:587
	Username string // empty: no authentication
	Password string
	From     string // the sender, e.g. "Guichet <ne-pas-repondre@exemple.fr>"
	// RequireTLS refuses to send a message unless the server offers
	// STARTTLS and the switch to TLS succeeds, so that neither the
	// messages (reset links) nor the password cross the network in clear,
	// even to a server on this machine or one that stops offering TLS.
	RequireTLS bool
}

// smtpTimeout bounds one delivery when the context has no deadline, so that
// a silent server cannot hold a worker forever.
const smtpTimeout = 2 * time.Minute

type smtpSender struct {
	c   SMTPConfig
	tls *tls.Config // nil: verify the server against the system roots
	now func() time.Time
}

// NewSMTP returns a Sender that delivers through the SMTP server c.Addr. It
// switches to TLS with STARTTLS when the server offers it, and authenticates
// (PLAIN) only over TLS or to a server on this machine, so a password never
// crosses the network in clear. A 5xx reply to the recipient or to the
// message is Permanent; other failures are retried.
func NewSMTP(c SMTPConfig) Sender {
	return &smtpSender{c: c, now: time.Now}
}

// Send delivers m in one SMTP session.
func (s *smtpSender) Send(ctx context.Context, m Message, key string) error {
	if err := validate(m); err != nil {
		return err
	}
	from, err := mail.ParseAddress(s.c.From)
	if err != nil || hasControl(s.c.From) || !plausible(from.Address) {
		return fmt.Errorf("smtp: the configured sender %q is not a valid address", s.c.From)
	}
	to, _ := mail.ParseAddress(m.To) // validated above
	host, _, err := net.SplitHostPort(s.c.Addr)
	if err != nil {
		return fmt.Errorf("smtp: address %q: %w", s.c.Addr, err)
	}
	conn, stop, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: greeting from %s: %w", s.c.Addr, err)
	}
	defer c.Close()
	if err := s.secure(c, host); err != nil {
		return err
	}
	return deliver(c, from.Address, to.Address, compose(from, m, key, s.now()))
}

// dial connects to the server. Since net/smtp knows no context, the
// connection gets ctx's deadline (or smtpTimeout) and is cut when ctx is
// cancelled, until stop is called.
func (s *smtpSender) dial(ctx context.Context) (conn net.Conn, stop func() bool, err error) {
	var d net.Dialer
	conn, err = d.DialContext(ctx, "tcp", s.c.Addr)
	if err != nil {
		return nil, nil, fmt.Errorf("smtp: connect to %s: %w", s.c.Addr, err)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(smtpTimeout)
	}
	conn.SetDeadline(deadline)
	stop = context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	return conn, stop, nil
}

// ErrNoTLS says that the server did not offer STARTTLS while RequireTLS is set.
var ErrNoTLS = errors.New("smtp: the server does not offer STARTTLS and TLS is required (smtp-require-tls)")

// secure starts TLS when offered (and fails without it when TLS is
// required), then authenticates when configured.
func (s *smtpSender) secure(c *smtp.Client, host string) error {
	ok, _ := c.Extension("STARTTLS")
	if !ok && s.c.RequireTLS {
		return ErrNoTLS
	}
	if ok {
		cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		if s.tls != nil {
			cfg = s.tls.Clone()
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("smtp: starttls: %w", err)
		}
	}
	if s.c.Username == "" {
		return nil
	}
	// PlainAuth itself refuses to send the password over a clear connection
	// to another machine.
	if err := c.Auth(smtp.PlainAuth("", s.c.Username, s.c.Password, host)); err != nil {
		return fmt.Errorf("smtp: authenticate as %s: %w", s.c.Username, err)
	}
	return nil
}

// deliver sends the envelope and the message, then says goodbye.
func deliver(c *smtp.Client, from, to string, msg []byte) error {
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("smtp: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return permanentIfRejected(fmt.Errorf("smtp: RCPT TO: %w", err))
	}
	w, err := c.Data()
	if err != nil {
		return permanentIfRejected(fmt.Errorf("smtp: DATA: %w", err))
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp: send message: %w", err)
	}
	if err := w.Close(); err != nil {
		return permanentIfRejected(fmt.Errorf("smtp: message refused: %w", err))
	}
	// The message is accepted; a failed QUIT changes nothing to that.
	c.Quit()
	return nil
}

// permanentIfRejected marks a 5xx reply Permanent: the server refuses this
// recipient or this message for good, while a 4xx reply asks to come back.
func permanentIfRejected(err error) error {
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 500 {
		return jobs.Permanent(err)
	}
	return err
}
