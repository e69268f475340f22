package notify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"guichet/internal/sms"
	"guichet/internal/sms/smstest"
)

// simulated starts the provider simulator speaking provider's format, and
// a receipts endpoint that hands callbacks to the service as the API route
// does, and returns the fixture using them.
func simulated(t *testing.T, provider string) (*fixture, *smstest.Server) {
	t.Helper()
	sim := smstest.New("jeton-test")
	t.Cleanup(sim.Close)
	var f *fixture
	receipts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := f.svc.Receipts(r.Context(), provider, r); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
		}
	}))
	t.Cleanup(receipts.Close)
	p, err := sms.New(sms.Config{Provider: provider, APIKey: "jeton-test", BaseURL: sim.URL, Sender: "Guichet",
		CallbackSecret: "secret-accuses", CallbackURL: receipts.URL + "/receipts",
		// Short, so that a lost answer does not hold the test.
		HTTPClient: &http.Client{Timeout: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	sim.SetSMSFactorWebhook(receipts.URL + "/receipts?secret=secret-accuses")
	f = newFixture(t, p)
	return f, sim
}

// With each real provider's format, through the simulator: the message is
// accepted (sending), then its delivery receipt, authenticated by the
// callback secret, makes it delivered or a permanent failure.
func TestStatusesFromReceiptsThroughTheSimulator(t *testing.T) {
	t.Parallel()
	for _, provider := range []string{smstest.SMSFactor, smstest.Brevo} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			f, sim := simulated(t, provider)
			ctx := context.Background()
			ev := received("DS-30")
			ev.Recipient = Recipient{Phone: "06 12 34 56 78"}
			if err := f.svc.Notify(ctx, ev); err != nil {
				t.Fatal(err)
			}
			f.work()
			m := f.messages("dossier-DS-30")[0]
			if m.Status != StatusSending || m.ProviderID == "" {
				t.Fatalf("after the send: %+v", m)
			}
			got := sim.Messages()
			if len(got) != 1 || strings.TrimPrefix(got[0].To, "+") != "33612345678" {
				t.Fatalf("simulator received %+v", got)
			}
			if err := sim.SendReceipts(ctx, smstest.Delivered); err != nil {
				t.Fatal(err)
			}
			if m, _ = f.svc.Message(ctx, m.Key); m.Status != StatusDelivered {
				t.Fatalf("after the receipt: %s", m.Status)
			}

			ev = received("DS-31")
			ev.Recipient = Recipient{Phone: "06 12 34 56 79"}
			f.svc.Notify(ctx, ev)
			f.work()
			m = f.messages("dossier-DS-31")[0]
			if err := smstest.SendReceipt(ctx, sim.Messages()[1], smstest.Bounced); err != nil {
				t.Fatal(err)
			}
			if m, _ = f.svc.Message(ctx, m.Key); m.Status != StatusPermanentFailure {
				t.Fatalf("after a bounce: %s", m.Status)
			}
		})
	}
}

// A receipt without the secret is refused and changes nothing.
func TestForgedReceiptIsRefused(t *testing.T) {
	t.Parallel()
	f, sim := simulated(t, smstest.Brevo)
	ctx := context.Background()
	ev := received("DS-32")
	ev.Recipient = Recipient{Phone: "06 12 34 56 78"}
	f.svc.Notify(ctx, ev)
	f.work()
	m := sim.Messages()[0]
	body, err := smstest.ReceiptBody(m, smstest.Delivered)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/receipts?secret=faux", bytesReader(body))
	if _, err := f.svc.Receipts(ctx, smstest.Brevo, req); err == nil {
		t.Fatal("a forged receipt was accepted")
	}
	if got := f.messages("dossier-DS-32")[0]; got.Status != StatusSending {
		t.Fatalf("a forged receipt changed the status to %s", got.Status)
	}
}

// Refusals and unavailability from the provider become the statuses.
func TestProviderRefusalsThroughTheSimulator(t *testing.T) {
	t.Parallel()
	f, sim := simulated(t, smstest.SMSFactor)
	ctx := context.Background()
	sim.SetMode(smstest.Refuse)
	ev := received("DS-33")
	ev.Recipient = Recipient{Phone: "06 12 34 56 78"}
	f.svc.Notify(ctx, ev)
	f.work()
	if m := f.messages("dossier-DS-33")[0]; m.Status != StatusPermanentFailure {
		t.Fatalf("refused: %+v", m)
	}
	sim.SetMode(smstest.FailTemporarily)
	ev = received("DS-34")
	ev.Recipient = Recipient{Phone: "06 12 34 56 78"}
	f.svc.Notify(ctx, ev)
	f.work()
	if m := f.messages("dossier-DS-34")[0]; m.Status != StatusTemporaryFailure {
		t.Fatalf("unavailable: %+v", m)
	}
	sim.SetMode(smstest.Accept)
	f.clock.Advance(f.svc.jobsRetryWait())
	f.work()
	if m := f.messages("dossier-DS-34")[0]; m.Status != StatusSending {
		t.Fatalf("after the retry: %+v", m)
	}
}

// The provider takes a message but its answer is lost (the connection
// breaks after the request left). Brevo can be searched by our key (the
// tag): the next attempt asks it, finds the message and records it, without
// sending it again. SMSFactor cannot be asked: the message is a technical
// failure rather than risk a second copy on the person's phone.
func TestLostAnswerIsNeverSentTwice(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		provider, want string
	}{{smstest.Brevo, StatusSending}, {smstest.SMSFactor, StatusTechnicalFailure}} {
		t.Run(tc.provider, func(t *testing.T) {
			t.Parallel()
			f, sim := simulated(t, tc.provider)
			ctx := context.Background()
			sim.SetMode(smstest.LoseAnswer)
			ev := received("DS-40")
			ev.Recipient = Recipient{Phone: "06 12 34 56 78"}
			if err := f.svc.Notify(ctx, ev); err != nil {
				t.Fatal(err)
			}
			f.work()
			m := f.messages("dossier-DS-40")[0]
			if m.Status != StatusSending || m.ProviderID != "" || sim.Len() != 1 {
				t.Fatalf("after the lost answer: %+v, simulator holds %d", m, sim.Len())
			}
			sim.SetMode(smstest.Accept)
			f.clock.Advance(f.svc.jobsRetryWait())
			f.work()
			m = f.messages("dossier-DS-40")[0]
			if m.Status != tc.want || sim.Len() != 1 || len(sim.Duplicates()) != 0 {
				t.Fatalf("after the retry: %+v, simulator holds %d", m, sim.Len())
			}
			if tc.want == StatusSending && m.ProviderID != sim.Messages()[0].ProviderID {
				t.Fatalf("provider id %q, simulator gave %q", m.ProviderID, sim.Messages()[0].ProviderID)
			}
		})
	}
}
