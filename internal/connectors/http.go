package connectors

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// HTTP calls an administration's endpoint: a POST of the Request as JSON,
// signed with Secret; the answer is a Result as JSON. A 404 means the
// person is unknown.
type HTTP struct {
	Key, Sentence, OrgSlug string
	Cats                   []Category
	URL                    string
	Secret                 []byte
	// Client makes the calls; one with a 5 s timeout when nil.
	Client *http.Client
	Now    func() time.Time
}

// Name implements Connector.
func (h *HTTP) Name() string { return h.Key }

// Label implements Connector.
func (h *HTTP) Label() string { return h.Sentence }

// Org implements Connector.
func (h *HTTP) Org() string { return h.OrgSlug }

// Categories implements Connector.
func (h *HTTP) Categories() []Category { return h.Cats }

// maxAnswer bounds an administration's answer.
const maxAnswer = 64 << 10

// Fetch implements Connector.
func (h *HTTP) Fetch(ctx context.Context, r Request) (Result, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return Result{}, err
	}
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("connector %s: %w", h.Key, err)
	}
	req.Header.Set("Content-Type", "application/json")
	Sign(req.Header, h.Secret, body, now())
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 5 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Result{}, fmt.Errorf("connector %s: %w", h.Key, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return Result{}, ErrUnknownPerson
	case resp.StatusCode != http.StatusOK:
		return Result{}, fmt.Errorf("connector %s: status %d", h.Key, resp.StatusCode)
	}
	var res Result
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxAnswer)).Decode(&res); err != nil {
		return Result{}, fmt.Errorf("connector %s: answer: %w", h.Key, err)
	}
	if res.Source == "" {
		res.Source = h.Sentence
	}
	res.At = now().UTC()
	return res, nil
}

// Sign sets the Standard Webhooks headers of a request carrying body:
// webhook-id (random), webhook-timestamp (Unix seconds) and
// webhook-signature "v1," + base64(HMAC-SHA256(secret, id.timestamp.body)).
func Sign(h http.Header, secret, body []byte, now time.Time) {
	var raw [12]byte
	rand.Read(raw[:])
	id := "msg_" + hex.EncodeToString(raw[:])
	ts := strconv.FormatInt(now.Unix(), 10)
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", ts)
	h.Set("webhook-signature", "v1,"+signature(secret, id, ts, body))
}

func signature(secret []byte, id, ts string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Tolerance is how far a request's timestamp may be from now.
const Tolerance = 5 * time.Minute

// ErrSignature says a request is not signed with the secret, or too old.
var ErrSignature = errors.New("connectors: bad or stale signature")

// Verify checks a signed request as an administration's endpoint does:
// the signature over id, timestamp and body with secret, and a timestamp
// within Tolerance of now.
func Verify(h http.Header, secret, body []byte, now time.Time) error {
	id, ts := h.Get("webhook-id"), h.Get("webhook-timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if id == "" || err != nil {
		return ErrSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > Tolerance || d < -Tolerance {
		return ErrSignature
	}
	want := signature(secret, id, ts, body)
	for _, sig := range strings.Fields(h.Get("webhook-signature")) {
		if v, ok := strings.CutPrefix(sig, "v1,"); ok && hmac.Equal([]byte(v), []byte(want)) {
			return nil
		}
	}
	return ErrSignature
}
