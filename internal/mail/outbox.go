package mail

import (
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// outboxFrom is the sender written in outbox messages; .invalid is the
// top-level domain reserved for names that must never resolve.
const outboxFrom = "ne-pas-repondre@guichet.invalid"

// outbox writes messages as files instead of sending them.
type outbox struct {
	dir  string
	from *mail.Address
	now  func() time.Time
	// mu makes the "already written?" check and the write one step for the
	// senders of this process.
	mu sync.Mutex
}

// NewOutbox returns a Sender that writes each message as an .eml file
// (RFC 5322 headers, quoted-printable UTF-8 body) in dir, created when
// needed. A file is named from the time of writing and a hash of the
// idempotency key, and a key already in the folder is not written again, so a
// retried job never leaves two copies.
func NewOutbox(dir string) Sender {
	return &outbox{dir: dir, from: &mail.Address{Name: "Guichet", Address: outboxFrom}, now: time.Now}
}

// Send writes m unless a message with the same key is in the outbox already.
func (o *outbox) Send(ctx context.Context, m Message, key string) error {
	if err := validate(m); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	hash := keyHash(key)
	if key != "" {
		// The hash is hexadecimal, so it cannot hold a glob pattern.
		found, err := filepath.Glob(filepath.Join(o.dir, "*-"+hash+".eml"))
		if err != nil || len(found) > 0 {
			return err
		}
	}
	now := o.now().UTC()
	name := now.Format("20060102T150405.000000000Z") + "-" + hash + ".eml"
	return writeAtomically(o.dir, name, compose(o.from, m, key, now))
}

// Holds reports whether a message with key is in the outbox.
func (o *outbox) Holds(ctx context.Context, key string) (bool, error) {
	if key == "" {
		return false, nil
	}
	found, err := filepath.Glob(filepath.Join(o.dir, "*-"+keyHash(key)+".eml"))
	return len(found) > 0, err
}

// writeAtomically writes a temporary file and renames it, so that a reader
// of the folder, or a crash, never sees half a message.
func writeAtomically(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("outbox: write %s: %w", name, err)
	}
	return nil
}

// ReadOutbox lists the messages in an outbox folder, oldest first. A folder
// that does not exist yet holds no message.
func ReadOutbox(dir string) ([]Message, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".eml") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names) // names start with the time of writing
	msgs := make([]Message, 0, len(names))
	for _, name := range names {
		m, err := readMessageFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read outbox: %s: %w", name, err)
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// readMessageFile decodes one .eml file written by the outbox.
func readMessageFile(path string) (Message, error) {
	f, err := os.Open(path)
	if err != nil {
		return Message{}, err
	}
	defer f.Close()
	return parseMessage(f)
}

// parseMessage decodes a message as compose writes it.
func parseMessage(r io.Reader) (Message, error) {
	raw, err := mail.ReadMessage(r)
	if err != nil {
		return Message{}, err
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(raw.Header.Get("Subject"))
	if err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	to, err := mail.ParseAddress(raw.Header.Get("To"))
	if err != nil {
		return Message{}, fmt.Errorf("to: %w", err)
	}
	m := Message{To: displayAddress(to), Subject: subject}
	mediaType, params, err := mime.ParseMediaType(raw.Header.Get("Content-Type"))
	if err != nil {
		return Message{}, fmt.Errorf("content type: %w", err)
	}
	if mediaType != "multipart/alternative" {
		text, err := readBody(raw.Body, raw.Header.Get("Content-Transfer-Encoding"))
		m.Body = text
		return m, err
	}
	// The multipart reader decodes quoted-printable parts itself.
	parts := multipart.NewReader(raw.Body, params["boundary"])
	for {
		p, err := parts.NextPart()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return Message{}, fmt.Errorf("part: %w", err)
		}
		text, err := readBody(p, "")
		if err != nil {
			return Message{}, err
		}
		switch t, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); t {
		case "text/plain":
			m.Body = text
		case "text/html":
			m.HTML = text
		}
	}
}

// readBody reads a body or a part, decoding quoted-printable, with \n line
// ends and without the final line break compose adds.
func readBody(r io.Reader, encoding string) (string, error) {
	if strings.EqualFold(encoding, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("body: %w", err)
	}
	return strings.TrimSuffix(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n"), nil
}

// displayAddress writes an address the way a person types it, with its
// name unquoted and decoded: "Zoé Lefèvre <zoe@exemple.fr>".
func displayAddress(a *mail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}
