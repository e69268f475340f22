package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSMTP is a tiny SMTP server for the tests: enough of RFC 5321 for
// net/smtp (EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, QUIT).
type fakeSMTP struct {
	addr      string
	tls       *tls.Config // STARTTLS is offered when set
	user      string      // AUTH PLAIN is offered when set
	pass      string
	rcptReply string // the reply to RCPT TO; "" means accepted

	mu       sync.Mutex
	received []received
}

// received is one message the server accepted.
type received struct {
	From, To string
	Data     string
	TLS      bool
	AuthAs   string
}

func startSMTP(t *testing.T, s *fakeSMTP) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s.addr = ln.Addr().String()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *fakeSMTP) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.received...)
}

// session is the state of one connection.
type session struct {
	conn    net.Conn
	tp      *textproto.Conn
	tls     bool
	authAs  string
	from    string
	to      string
	goodbye bool
}

func (s *fakeSMTP) serve(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	ss := &session{conn: conn, tp: textproto.NewConn(conn)}
	ss.tp.PrintfLine("220 test.invalid ESMTP")
	for !ss.goodbye {
		line, err := ss.tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		s.handle(ss, strings.ToUpper(verb), arg)
	}
}

func (s *fakeSMTP) handle(ss *session, verb, arg string) {
	reply := func(line string) { ss.tp.PrintfLine("%s", line) }
	switch verb {
	case "EHLO", "HELO":
		lines := []string{"test.invalid"}
		if s.tls != nil && !ss.tls {
			lines = append(lines, "STARTTLS")
		}
		if s.user != "" {
			lines = append(lines, "AUTH PLAIN")
		}
		for i, l := range lines {
			sep := "-"
			if i == len(lines)-1 {
				sep = " "
			}
			reply("250" + sep + l)
		}
	case "STARTTLS":
		reply("220 2.0.0 Ready to start TLS")
		tlsConn := tls.Server(ss.conn, s.tls)
		if err := tlsConn.Handshake(); err != nil {
			ss.goodbye = true
			return
		}
		ss.conn, ss.tls = tlsConn, true
		ss.tp = textproto.NewConn(tlsConn)
	case "AUTH":
		s.auth(ss, arg, reply)
	case "MAIL":
		ss.from = strings.Trim(strings.TrimPrefix(arg, "FROM:"), "<>")
		reply("250 2.1.0 Ok")
	case "RCPT":
		if s.rcptReply != "" {
			reply(s.rcptReply)
			return
		}
		ss.to = strings.Trim(strings.TrimPrefix(arg, "TO:"), "<>")
		reply("250 2.1.5 Ok")
	case "DATA":
		reply("354 End data with <CR><LF>.<CR><LF>")
		data, err := io.ReadAll(ss.tp.DotReader())
		if err != nil {
			ss.goodbye = true
			return
		}
		s.mu.Lock()
		s.received = append(s.received, received{From: ss.from, To: ss.to, Data: string(data), TLS: ss.tls, AuthAs: ss.authAs})
		s.mu.Unlock()
		reply("250 2.0.0 Queued")
	case "RSET", "NOOP":
		reply("250 2.0.0 Ok")
	case "QUIT":
		reply("221 2.0.0 Bye")
		ss.goodbye = true
	default:
		reply("502 5.5.2 Command not recognised")
	}
}

func (s *fakeSMTP) auth(ss *session, arg string, reply func(string)) {
	mech, initial, _ := strings.Cut(arg, " ")
	raw, err := base64.StdEncoding.DecodeString(initial)
	parts := strings.Split(string(raw), "\x00")
	if strings.ToUpper(mech) != "PLAIN" || err != nil || len(parts) != 3 ||
		parts[1] != s.user || parts[2] != s.pass {
		reply("535 5.7.8 Authentication credentials invalid")
		return
	}
	ss.authAs = parts[1]
	reply("235 2.7.0 Authentication successful")
}

// selfSignedTLS returns a server configuration for 127.0.0.1 and a client
// configuration that trusts it.
func selfSignedTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	return server, client
}

// readBack decodes a received message the way ReadOutbox decodes a file.
func readBack(t *testing.T, data string) Message {
	t.Helper()
	m, err := parseMessage(strings.NewReader(data))
	if err != nil {
		t.Fatalf("parse received message: %v", err)
	}
	return m
}

// startSilent starts a server that accepts connections and says nothing.
func startSilent(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return ln.Addr().String()
}
