package sms

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Outbox is the provider for development and tests: each message becomes one
// JSON file in a directory, named after its idempotency key, so sending the
// same key twice leaves one file.
type Outbox struct {
	dir string
	now func() time.Time
}

// OutboxMessage is the content of one outbox file.
type OutboxMessage struct {
	Key      string    `json:"key"`
	To       string    `json:"to"`
	Sender   string    `json:"sender,omitempty"`
	Body     string    `json:"body"`
	Encoding string    `json:"encoding"`
	Parts    int       `json:"parts"`
	Length   int       `json:"length"`
	Time     time.Time `json:"time"`
}

// NewOutbox writes messages to dir, created when first needed.
func NewOutbox(dir string, now func() time.Time) *Outbox {
	if now == nil {
		now = time.Now
	}
	return &Outbox{dir: dir, now: now}
}

// Name is "outbox".
func (o *Outbox) Name() string { return ProviderOutbox }

// Dir is where the files go.
func (o *Outbox) Dir() string { return o.dir }

// Send writes m as a file, atomically: a reader never sees half a file, and
// of two sends with the same key, whichever links its file first wins while
// the other finds it there and answers the same. A message without a key is
// refused, since it could not be recognised when sent again.
func (o *Outbox) Send(ctx context.Context, m Message) (Sent, error) {
	if m.Key == "" {
		return Sent{}, &Error{Provider: ProviderOutbox, Permanent: true, Message: "message without an idempotency key"}
	}
	if m.To == "" {
		return Sent{}, &Error{Provider: ProviderOutbox, Permanent: true, Message: "message without a recipient"}
	}
	name := outboxFileName(m.Key)
	sent := Sent{ProviderID: strings.TrimSuffix(name, ".json"), Status: StatusDelivered}
	final := filepath.Join(o.dir, name)
	if _, err := os.Stat(final); err == nil {
		return sent, nil
	}
	c := CountText(m.Body)
	data, err := json.MarshalIndent(OutboxMessage{
		Key: m.Key, To: m.To, Sender: m.Sender, Body: m.Body,
		Encoding: c.Encoding, Parts: c.Parts, Length: c.Length, Time: o.now().UTC(),
	}, "", "  ")
	if err != nil {
		return Sent{}, err
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return Sent{}, &Error{Provider: ProviderOutbox, Temporary: true, Err: err}
	}
	if err := writeOnce(o.dir, final, append(data, '\n')); err != nil {
		return Sent{}, &Error{Provider: ProviderOutbox, Temporary: true, Err: err}
	}
	return sent, nil
}

// writeOnce writes data to a temporary file in dir, then links it
// at final. Like a rename, the link makes the whole file appear at once (a
// reader or a crash never sees half a message); unlike a rename, it fails
// when final exists, so the first writer wins and nobody overwrites a
// message already there, even from another process.
func writeOnce(dir, final string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".sms-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// No fsync: the outbox stands in for a provider in development and
	// tests, where a killed process must lose nothing (the page cache keeps
	// what was written) but a power cut may; an fsync would cost
	// milliseconds a message and throttle the load benchmark.
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	err = os.Link(tmp.Name(), final)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// Receipts: the outbox never calls back, a message is delivered once written.
func (o *Outbox) Receipts(r *http.Request) ([]Receipt, error) { return nil, ErrNoReceipts }

// outboxFileName names the file of key: the key itself when it is made of
// safe characters and short, else its safe characters followed by a hash of
// the whole key, so that two keys never share a file.
func outboxFileName(key string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, key)
	if safe == key && len(key) <= 100 && key[0] != '.' {
		return key + ".json"
	}
	if len(safe) > 60 {
		safe = safe[:60]
	}
	sum := sha256.Sum256([]byte(key))
	return fmt.Sprintf("%s-%s.json", safe, hex.EncodeToString(sum[:8]))
}

// ListOutbox reads every message in an outbox folder, oldest first; a
// folder that does not exist yet holds none. For tests, the demo and
// whoever looks at what would have been sent.
func ListOutbox(dir string) ([]OutboxMessage, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var msgs []OutboxMessage
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var m OutboxMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("sms outbox: %s: %w", e.Name(), err)
		}
		msgs = append(msgs, m)
	}
	slices.SortStableFunc(msgs, func(a, b OutboxMessage) int { return a.Time.Compare(b.Time) })
	return msgs, nil
}

// ReadOutbox reads the outbox message with key from dir.
func ReadOutbox(dir, key string) (OutboxMessage, error) {
	var m OutboxMessage
	data, err := os.ReadFile(filepath.Join(dir, outboxFileName(key)))
	if err != nil {
		return m, err
	}
	return m, json.Unmarshal(data, &m)
}

// Find reports whether the outbox holds a message written with key.
func (o *Outbox) Find(ctx context.Context, key string) (Sent, bool, error) {
	if key == "" {
		return Sent{}, false, nil
	}
	name := outboxFileName(key)
	_, err := os.Stat(filepath.Join(o.dir, name))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Sent{}, false, nil
	case err != nil:
		return Sent{}, false, &Error{Provider: ProviderOutbox, Temporary: true, Err: err}
	}
	return Sent{ProviderID: strings.TrimSuffix(name, ".json"), Status: StatusDelivered}, true, nil
}
