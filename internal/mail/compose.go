package mail

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// keyHash names a message from its idempotency key in file names and
// Message-IDs, without showing the key. A message without a key gets a random
// name, as it cannot be recognised when sent again anyway.
func keyHash(key string) string {
	if key == "" {
		b := make([]byte, 16)
		rand.Read(b)
		return hex.EncodeToString(b)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// compose renders m as an RFC 5322 message with CRLF line ends: headers, a
// blank line, then the body as quoted-printable UTF-8, which keeps lines short
// and accents intact through any mail server. With an HTML version, the body
// is multipart/alternative: the plain text first, then the HTML, the one
// clients prefer when they can show it (RFC 2046 §5.1.4). m must have been
// validated.
func compose(from *mail.Address, m Message, key string, date time.Time) []byte {
	to, _ := mail.ParseAddress(m.To) // validated by the caller
	_, domain, _ := strings.Cut(from.Address, "@")
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("Date", date.Format(time.RFC1123Z))
	header("From", formatAddress(from))
	header("To", formatAddress(to))
	header("Subject", encodeSubject(m.Subject))
	header("Message-ID", "<"+keyHash(key)+"@"+domain+">")
	header("MIME-Version", "1.0")
	if m.HTML == "" {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQP(&b, m.Body)
		// A message ends with a line break (SMTP adds one otherwise); this
		// one is not part of the text, and parseMessage takes it off again.
		b.WriteString("\r\n")
		return b.Bytes()
	}
	// The boundary comes from the key, so that the same message is the same
	// bytes each time; quoted-printable never writes "=_" at a line start
	// followed by it, since "=" is always escaped as "=3D".
	boundary := "=_guichet_" + keyHash(key)
	header("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	part := func(contentType, text string) {
		b.WriteString("--" + boundary + "\r\n")
		b.WriteString("Content-Type: " + contentType + "; charset=utf-8\r\n")
		b.WriteString("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
		writeQP(&b, text)
		b.WriteString("\r\n")
	}
	part("text/plain", m.Body)
	part("text/html", htmlDocument(m.Subject, m.HTML))
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}

// writeQP writes text as quoted-printable. The writer turns each \n into
// CRLF; a \r\n must not become \r\r\n.
func writeQP(b *bytes.Buffer, text string) {
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(strings.ReplaceAll(text, "\r\n", "\n")))
	w.Close()
}

// htmlDocument wraps an HTML body in a small French document, its title
// the subject, escaped.
func htmlDocument(subject, body string) string {
	return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>" + html.EscapeString(subject) +
		"</title></head>\n<body>\n" + body + "</body>\n</html>\n"
}

// formatAddress writes a bare address as is and encodes a name (RFC 2047)
// when it has accents.
func formatAddress(a *mail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.String()
}

// encodeSubject encodes a subject with accents as RFC 2047 words, folding
// the line between words so that it stays within the line length limits.
func encodeSubject(s string) string {
	return strings.ReplaceAll(mime.QEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}
