package webhooks_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/testkit"
	"guichet/internal/webhooks"
)

// fixture is a fresh database with one administration, a job queue and
// the webhooks service on a clock the test moves.
type fixture struct {
	db    *database.DB
	ids   *identity.Service
	clock *testkit.Clock
	queue *jobs.Queue
	svc   *webhooks.Service
	org   *identity.Organisation
}

func newFixture(t testing.TB, allowPrivate bool) *fixture {
	t.Helper()
	db := dbtest.Open(t)
	clock := testkit.NewClock(testkit.Start)
	f := &fixture{db: db, clock: clock, ids: identity.NewService(db, testkit.Box(t), identity.Config{}, clock.Now)}
	f.queue = jobs.New(db, jobs.Options{Now: clock.Now, Logger: slog.New(slog.DiscardHandler), PollInterval: 10 * time.Millisecond})
	f.svc = webhooks.New(db, webhooks.Options{Now: clock.Now, Box: testkit.Box(t), Jobs: f.queue,
		AllowPrivate: allowPrivate, Timeout: 2 * time.Second, Logger: slog.New(slog.DiscardHandler),
		Backoff: func(n int) time.Duration { return time.Duration(n) * time.Minute }})
	org, err := f.ids.CreateOrganisation(context.Background(), "caf", "Caisse d'allocations familiales", identity.KindAdministration)
	if err != nil {
		t.Fatal(err)
	}
	f.org = org
	return f
}

// create registers an endpoint of the fixture's organisation and returns
// its id and secret bytes.
func (f *fixture) create(t testing.TB, url string, events ...string) (int64, []byte) {
	t.Helper()
	shown, ep, err := f.svc.Create(context.Background(), 0, f.org.ID, url, events)
	if err != nil {
		t.Fatalf("create endpoint %s: %v", url, err)
	}
	if !strings.HasPrefix(shown, "whsec_") {
		t.Fatalf("secret shown as %q, want whsec_…", shown)
	}
	secret, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(shown, "whsec_"))
	if err != nil || len(secret) < 24 || len(secret) > 64 {
		t.Fatalf("secret %q: %d bytes, %v; the specification asks for 24 to 64", shown, len(secret), err)
	}
	return ep.ID, secret
}

// drain runs every job due now, and returns how many ran.
func (f *fixture) drain(t testing.TB) int {
	t.Helper()
	n := 0
	for {
		ran, err := f.queue.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return n
		}
		n++
	}
}

func (f *fixture) publish(t testing.TB, typ, key string, data any) []int64 {
	t.Helper()
	ids, err := f.svc.Publish(context.Background(), f.org.ID, webhooks.Event{Type: typ, Key: key, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func (f *fixture) delivery(t testing.TB, id int64) *webhooks.Delivery {
	t.Helper()
	d, err := f.svc.Delivery(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// received is one request a receiver got.
type received struct {
	Header http.Header
	Body   []byte
}

// receiver is a webhook endpoint on loopback that answers with status
// (200 unless set) and keeps what it receives.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	got    []received
	status int
}

func newReceiver(t testing.TB) *receiver { return newReceiverOn(t, nil) }

// newReceiverOn starts a receiver on l, or on a fresh loopback port when
// l is nil.
func newReceiverOn(t testing.TB, l net.Listener) *receiver {
	r := &receiver{status: http.StatusOK}
	r.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, received{Header: req.Header.Clone(), Body: body})
		w.WriteHeader(r.status)
	}))
	if l != nil {
		r.Listener.Close()
		r.Listener = l
	}
	r.Start()
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) answer(status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status = status
}

func (r *receiver) received() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// verify checks a request as a receiver following the Standard Webhooks
// specification would, written from the specification alone: the signed
// content is id "." timestamp "." body; the header holds space-separated
// "v1,BASE64" signatures, any of which may match; the timestamp must be
// within five minutes of now. It returns the decoded body.
func verify(secret string, h http.Header, body []byte, now time.Time) (map[string]any, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return nil, err
	}
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || ts == "" || sigs == "" {
		return nil, errors.New("missing webhook-id, webhook-timestamp or webhook-signature")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, errors.New("webhook-timestamp is not whole seconds")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		return nil, errors.New("webhook-timestamp too far from now")
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range strings.Fields(sigs) {
		version, b64, ok := strings.Cut(s, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(b64)
		if err == nil && hmac.Equal(got, want) {
			var v map[string]any
			if err := json.Unmarshal(body, &v); err != nil {
				return nil, err
			}
			return v, nil
		}
	}
	return nil, errors.New("no signature matches")
}

// verifyShape decodes a delivery's body and checks the specification's
// three members are there.
func verifyShape(body []byte) (map[string]any, error) {
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	for _, k := range []string{"type", "timestamp", "data"} {
		if _, ok := v[k]; !ok {
			return nil, errors.New("no " + k + " in the body")
		}
	}
	return v, nil
}
