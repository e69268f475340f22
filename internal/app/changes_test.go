package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"guichet/internal/changes"
	"guichet/internal/config"
	"guichet/internal/database/dbtest"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/webhooks"
)

// TestAChangeReachesTheAdministrationsWebhook is issue 13's check as the
// app wires it: a change of address declared once reaches the CAF's
// endpoint as profile.changed, signed under Standard Webhooks, with the
// new address.
func TestAChangeReachesTheAdministrationsWebhook(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	env := map[string]string{"GUICHET_DATABASE_URL": dbtest.URL(t)}
	cfg, err := config.Parse("serve", []string{"--data", t.TempDir(), "--workers", "0", "--webhook-allow-private"},
		func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, b)
		mu.Unlock()
	}))
	defer receiver.Close()

	caf, err := a.Identity.CreateOrganisation(ctx, "caf", "CAF", identity.KindAdministration)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Identity.CreateOrganisation(ctx, "cpam", "CPAM", identity.KindAdministration); err != nil {
		t.Fatal(err)
	}
	secret, _, err := a.Webhooks.Create(ctx, 0, caf.ID, receiver.URL+"/guichet", []string{webhooks.ProfileChanged})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(v forms.Value) json.RawMessage { b, _ := json.Marshal(v); return b }
	if err := a.Changes.Dispatch(ctx, changes.Declared{UserID: 7, DossierID: 70, Reference: "ABCD-2345",
		Person: map[string]string{"family_name": "Martin"},
		Answers: map[string]json.RawMessage{
			changes.KeyNewAddress: answer(forms.Value{Address: &forms.PostalAddress{Street: "1 place Lazare Goujon", Postcode: "69100", Town: "Villeurbanne"}}),
			changes.KeyDate:       answer(forms.Value{Text: "2026-12-01"}),
			changes.KeyRecipients: answer(forms.Value{List: []string{"caf", "cpam"}}),
		}}); err != nil {
		t.Fatal(err)
	}
	for {
		worked, err := a.Jobs.Work(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !worked {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("%d deliveries to the CAF's endpoint, want 1 (the CPAM has none)", len(got))
	}
	r, body := got[0], bodies[0]
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := strconv.ParseInt(r.Header.Get("webhook-timestamp"), 10, 64)
	if err != nil || r.Header.Get("webhook-id") == "" {
		t.Fatalf("headers %v", r.Header)
	}
	if want := webhooks.Sign(key, r.Header.Get("webhook-id"), ts, body); !strings.Contains(r.Header.Get("webhook-signature"), want) {
		t.Errorf("signature %q, want %q", r.Header.Get("webhook-signature"), want)
	}
	var ev struct {
		Type string `json:"type"`
		Data struct {
			Reference string            `json:"reference"`
			Address   map[string]string `json:"address"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Type != webhooks.ProfileChanged || ev.Data.Reference != "ABCD-2345" || ev.Data.Address["town"] != "Villeurbanne" {
		t.Errorf("event %s", body)
	}
}
