package sms_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/sms"
	"guichet/internal/sms/smstest"
)

const (
	token  = "api-token-123"
	secret = "callback-secret-456"
)

// rig is one provider wired to the simulator and to a receipt endpoint that
// hands each callback to the provider's Receipts.
type rig struct {
	sim      *smstest.Server
	provider sms.Provider
	callback *httptest.Server

	mu       sync.Mutex
	receipts []sms.Receipt
	refused  int
}

func newRig(t *testing.T, name string) *rig {
	t.Helper()
	r := &rig{sim: smstest.New(token)}
	t.Cleanup(r.sim.Close)
	r.callback = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		got, err := r.provider.Receipts(req)
		r.mu.Lock()
		defer r.mu.Unlock()
		switch {
		case errors.Is(err, sms.ErrUnauthenticated):
			r.refused++
			http.Error(w, "forbidden", http.StatusForbidden)
		case err != nil:
			http.Error(w, err.Error(), http.StatusBadRequest)
		default:
			r.receipts = append(r.receipts, got...)
		}
	}))
	t.Cleanup(r.callback.Close)
	r.sim.SetSMSFactorWebhook(r.callback.URL + "/sms/receipts?secret=" + secret)
	p, err := sms.New(sms.Config{
		Provider: name, APIKey: token, Sender: "Guichet", BaseURL: r.sim.URL,
		CallbackSecret: secret, CallbackURL: r.callback.URL + "/sms/receipts",
		HTTPClient: &http.Client{Timeout: 300 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	r.provider = p
	return r
}

func (r *rig) got() ([]sms.Receipt, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sms.Receipt(nil), r.receipts...), r.refused
}

var providers = []string{sms.ProviderSMSFactor, sms.ProviderBrevo}

func TestProviderSendAndReceipt(t *testing.T) {
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, name)
			ctx := context.Background()
			sent, err := r.provider.Send(ctx, sms.Message{Key: "msg-1", To: "+33612345678", Body: "Votre passeport est prêt."})
			if err != nil {
				t.Fatal(err)
			}
			if sent.Status != sms.StatusSending || sent.ProviderID == "" {
				t.Fatalf("Sent = %+v", sent)
			}
			msgs := r.sim.Messages()
			if len(msgs) != 1 {
				t.Fatalf("simulator got %d messages", len(msgs))
			}
			m := msgs[0]
			if m.To != "33612345678" || m.Text != "Votre passeport est prêt." || !m.Unicode || m.Key != "msg-1" || m.Sender != "Guichet" || m.ProviderID != sent.ProviderID {
				t.Errorf("simulator got %+v", m)
			}

			if err := r.sim.SendReceipts(ctx, smstest.Delivered); err != nil {
				t.Fatal(err)
			}
			receipts, _ := r.got()
			if len(receipts) != 1 {
				t.Fatalf("receipts = %+v", receipts)
			}
			rc := receipts[0]
			if rc.ProviderID != sent.ProviderID || rc.Key != "msg-1" || rc.Status != sms.StatusDelivered || rc.At.IsZero() {
				t.Errorf("receipt = %+v", rc)
			}
			if d := rc.At.Sub(m.At); d < 2*time.Second || d > 4*time.Second {
				t.Errorf("receipt time %v is %v after the send, want 3 s", rc.At, d)
			}
		})
	}
}

// TestSimulatorCountsDuplicates: the simulator, like a real provider, takes
// the same key twice, and says so.
func TestSimulatorCountsDuplicates(t *testing.T) {
	r := newRig(t, sms.ProviderBrevo)
	for _, key := range []string{"a", "b", "a", "a", "c", "b"} {
		if _, err := r.provider.Send(context.Background(), sms.Message{Key: key, To: "+33612345678", Body: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if dups := r.sim.Duplicates(); r.sim.Len() != 6 || len(dups) != 2 || dups[0] != "a" || dups[1] != "b" {
		t.Errorf("Len %d, Duplicates %v", r.sim.Len(), dups)
	}
}

func TestProviderGSMIsNotUnicode(t *testing.T) {
	for _, name := range providers {
		r := newRig(t, name)
		if _, err := r.provider.Send(context.Background(), sms.Message{Key: "k", To: "+262692123456", Body: "Dossier reçu"}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.provider.Send(context.Background(), sms.Message{Key: "k2", To: "+262692123456", Body: "Dossier recu, 5 €"}); err != nil {
			t.Fatal(err)
		}
		msgs := r.sim.Messages()
		if !msgs[0].Unicode || msgs[1].Unicode || msgs[1].To != "262692123456" {
			t.Errorf("%s: %+v", name, msgs)
		}
	}
}

func TestProviderFailuresAreClassified(t *testing.T) {
	cases := []struct {
		mode                 smstest.Mode
		temporary, permanent bool
	}{
		{smstest.Refuse, false, true},
		{smstest.FailTemporarily, true, false},
		{smstest.RateLimit, true, false},
		{smstest.Timeout, true, false},
	}
	for _, name := range providers {
		for _, c := range cases {
			r := newRig(t, name)
			r.sim.SetMode(c.mode)
			_, err := r.provider.Send(context.Background(), sms.Message{Key: "k", To: "+33612345678", Body: "x"})
			if err == nil || sms.IsTemporary(err) != c.temporary || sms.IsPermanent(err) != c.permanent {
				t.Errorf("%s, mode %d: error %v, temporary %v, permanent %v", name, c.mode, err, sms.IsTemporary(err), sms.IsPermanent(err))
			}
			want := map[bool]sms.Status{true: sms.StatusTemporaryFailure, false: sms.StatusPermanentFailure}[c.temporary]
			if got := sms.FailureStatus(err); got != want {
				t.Errorf("%s, mode %d: FailureStatus = %s, want %s", name, c.mode, got, want)
			}
			if len(r.sim.Messages()) != 0 {
				t.Errorf("%s, mode %d: the simulator kept a message", name, c.mode)
			}
		}
	}
}

// TestProviderWrongKey: a wrong API key is neither the recipient's fault
// nor worth retrying: a technical failure.
func TestProviderWrongKey(t *testing.T) {
	for _, name := range providers {
		sim := smstest.New("the-real-token")
		p, err := sms.New(sms.Config{Provider: name, APIKey: "wrong", Sender: "Guichet", BaseURL: sim.URL})
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Send(context.Background(), sms.Message{Key: "k", To: "+33612345678", Body: "x"})
		if err == nil || sms.FailureStatus(err) != sms.StatusTechnicalFailure {
			t.Errorf("%s: error %v, status %s", name, err, sms.FailureStatus(err))
		}
		sim.Close()
	}
}

func TestProviderRefusesForgedReceipts(t *testing.T) {
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, name)
			ctx := context.Background()
			if _, err := r.provider.Send(ctx, sms.Message{Key: "msg-1", To: "+33612345678", Body: "x"}); err != nil {
				t.Fatal(err)
			}
			m := r.sim.Messages()[0]
			body, err := smstest.ReceiptBody(m, smstest.Bounced)
			if err != nil {
				t.Fatal(err)
			}
			base := r.callback.URL + "/sms/receipts"
			for _, url := range []string{base, base + "?secret=", base + "?secret=wrong", base + "?secret=" + secret[:len(secret)-1], base + "?secret=" + secret + "x"} {
				if err := smstest.Post(ctx, url, body); err == nil || !strings.Contains(err.Error(), "403") {
					t.Errorf("forged receipt to %s: %v", url, err)
				}
			}
			if receipts, refused := r.got(); len(receipts) != 0 || refused != 5 {
				t.Fatalf("after forgeries: receipts %+v, refused %d", receipts, refused)
			}
			// The other documented ways of carrying the secret are accepted.
			for _, auth := range []func(*http.Request){
				func(q *http.Request) { q.Header.Set("Authorization", "Bearer "+secret) },
				func(q *http.Request) { q.SetBasicAuth("guichet", secret) },
			} {
				req := httptest.NewRequest(http.MethodPost, "/sms/receipts", strings.NewReader(string(body)))
				auth(req)
				got, err := r.provider.Receipts(req)
				if err != nil || len(got) != 1 || got[0].Status != sms.StatusPermanentFailure {
					t.Errorf("authenticated receipt: %+v, %v", got, err)
				}
			}
			req := httptest.NewRequest(http.MethodPost, "/sms/receipts", strings.NewReader(string(body)))
			req.Header.Set("Authorization", "Bearer wrong")
			if _, err := r.provider.Receipts(req); !errors.Is(err, sms.ErrUnauthenticated) {
				t.Errorf("wrong bearer: %v", err)
			}
		})
	}
}

// TestProviderReceiptWithoutSecretConfigured: with no secret configured,
// every receipt is refused, even one with an empty secret.
func TestProviderReceiptWithoutSecretConfigured(t *testing.T) {
	p, err := sms.New(sms.Config{Provider: sms.ProviderSMSFactor, APIKey: token})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/sms/receipts?secret=", strings.NewReader(`{"status":3}`))
	if _, err := p.Receipts(req); !errors.Is(err, sms.ErrUnauthenticated) {
		t.Errorf("error = %v", err)
	}
}

func TestProviderReceiptsArriveLater(t *testing.T) {
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, name)
			r.sim.ReceiptsAfter(20*time.Millisecond, smstest.Expired)
			sent, err := r.provider.Send(context.Background(), sms.Message{Key: "later", To: "+33612345678", Body: "x"})
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(5 * time.Second)
			for time.Now().Before(deadline) {
				if receipts, _ := r.got(); len(receipts) == 1 {
					if receipts[0].ProviderID != sent.ProviderID || receipts[0].Status != sms.StatusTemporaryFailure {
						t.Errorf("receipt = %+v", receipts[0])
					}
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
			t.Fatalf("no receipt after 5 s; simulator errors %v", r.sim.ReceiptErrors())
		})
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	for _, cfg := range []sms.Config{
		{Provider: "twilio", DataDir: "x"},
		{Provider: sms.ProviderOutbox},
		{Provider: sms.ProviderSMSFactor},
		{Provider: sms.ProviderBrevo},
		{Provider: sms.ProviderBrevo, APIKey: "k", CallbackURL: "https://guichet.example/sms"},
		{Provider: sms.ProviderBrevo, APIKey: "k", CallbackURL: "ftp://x", CallbackSecret: "s"},
	} {
		if _, err := sms.New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

// TestProviderUnsureAfterTheRequestLeft: a timeout or a lost answer may hide
// a message the provider took (Unsure); a refused connection cannot.
func TestProviderUnsureAfterTheRequestLeft(t *testing.T) {
	for _, name := range providers {
		for _, mode := range []smstest.Mode{smstest.Timeout, smstest.LoseAnswer} {
			r := newRig(t, name)
			r.sim.SetMode(mode)
			_, err := r.provider.Send(context.Background(), sms.Message{Key: "k", To: "+33612345678", Body: "x"})
			if !sms.IsUnsure(err) || !sms.IsTemporary(err) {
				t.Errorf("%s, mode %d: %v, want a temporary unsure error", name, mode, err)
			}
		}
		closed := newRig(t, name)
		closed.sim.Close()
		_, err := closed.provider.Send(context.Background(), sms.Message{Key: "k", To: "+33612345678", Body: "x"})
		if err == nil || sms.IsUnsure(err) {
			t.Errorf("%s, provider down: %v, want a sure failure", name, err)
		}
	}
}

// TestFindByKey: Brevo and the outbox can be asked whether they hold a
// message by our key; SMSFactor documents no such search.
func TestFindByKey(t *testing.T) {
	r := newRig(t, sms.ProviderBrevo)
	ctx := context.Background()
	r.sim.SetMode(smstest.LoseAnswer)
	if _, err := r.provider.Send(ctx, sms.Message{Key: "dossier-AB12/sms/0", To: "+33612345678", Body: "x"}); !sms.IsUnsure(err) {
		t.Fatalf("lost answer: %v", err)
	}
	finder, ok := r.provider.(sms.Finder)
	if !ok {
		t.Fatal("brevo is not a Finder")
	}
	got, found, err := finder.Find(ctx, "dossier-AB12/sms/0")
	if err != nil || !found || got.ProviderID != r.sim.Messages()[0].ProviderID || got.Status != sms.StatusSending {
		t.Errorf("Find: %+v, %v, %v", got, found, err)
	}
	if _, found, err := finder.Find(ctx, "dossier-AB12/sms/1"); found || err != nil {
		t.Errorf("Find of an unknown key: %v, %v", found, err)
	}
	if _, ok := newRig(t, sms.ProviderSMSFactor).provider.(sms.Finder); ok {
		t.Error("smsfactor claims to be searchable by our key")
	}
	box := sms.NewOutbox(t.TempDir(), nil)
	if _, found, _ := box.Find(ctx, "k1"); found {
		t.Error("an empty outbox holds k1")
	}
	box.Send(ctx, sms.Message{Key: "k1", To: "+33612345678", Body: "x"})
	if got, found, _ := box.Find(ctx, "k1"); !found || got.Status != sms.StatusDelivered {
		t.Errorf("outbox Find after Send: %+v, %v", got, found)
	}
}
