package webhooks_test

import (
	"net/http"
	"testing"
	"time"

	"guichet/internal/webhooks"
)

// TestSignMatchesTheSpecificationVector signs the example the Standard
// Webhooks reference libraries publish: a receiver's library must accept
// what Guichet sends.
func TestSignMatchesTheSpecificationVector(t *testing.T) {
	t.Parallel()
	const shown = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	secret, err := webhooks.ParseSecret(shown)
	if err != nil {
		t.Fatal(err)
	}
	if got := webhooks.FormatSecret(secret); got != shown {
		t.Errorf("FormatSecret(ParseSecret(%q)) = %q", shown, got)
	}
	const id, ts, body = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, `{"test": 2432232314}`
	got := webhooks.Sign(secret, id, ts, []byte(body))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("Sign = %q, want %q", got, want)
	}
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", "1614265330")
	h.Set("webhook-signature", "v1,bm9wZQ== "+got)
	if _, err := verify(shown, h, []byte(body), time.Unix(ts, 0)); err != nil {
		t.Errorf("the test's verifier refuses the specification's vector: %v", err)
	}
	h.Set("webhook-signature", got)
	if _, err := verify(shown, h, []byte(`{"test": 2432232315}`), time.Unix(ts, 0)); err == nil {
		t.Error("the test's verifier accepts a changed body")
	}
}
