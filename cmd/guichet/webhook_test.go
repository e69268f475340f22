package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/database/dbtest"
	"guichet/internal/webhooks"
)

// TestWebhookCreate registers an endpoint from the command line, then
// checks that the secret it printed verifies what the application sends.
func TestWebhookCreate(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	allowPrivate := ""
	env := func(k string) string {
		switch k {
		case "GUICHET_PASSWORD":
			return "un-mot-de-passe-solide"
		case "GUICHET_DATABASE_URL":
			return dbURL
		case "GUICHET_WEBHOOK_ALLOW_PRIVATE":
			return allowPrivate
		}
		return ""
	}
	ctx := context.Background()
	var out, errOut strings.Builder
	if code := run(ctx, []string{"user", "create", "--data", data, "--email", "admin@exemple.fr",
		"--role", "admin", "--org", "caf", "--name", "Admin"}, &out, &errOut, env); code != 0 {
		t.Fatalf("user create: %s", errOut.String())
	}
	var got []http.Header
	var bodies [][]byte
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, bodies = append(got, r.Header.Clone()), append(bodies, b)
	}))
	defer rcv.Close()

	out.Reset()
	errOut.Reset()
	if code := run(ctx, []string{"webhook", "create", "--data", data, "--org", "caf", "--url", rcv.URL}, &out, &errOut, env); code == 0 ||
		!strings.Contains(errOut.String(), "réseau privé") {
		t.Fatalf("a loopback address was accepted by default: %d %s %s", code, out.String(), errOut.String())
	}
	allowPrivate = "1"
	out.Reset()
	errOut.Reset()
	if code := run(ctx, []string{"webhook", "create", "--data", data, "--org", "caf", "--url", rcv.URL,
		"--events", "dossier.submitted"}, &out, &errOut, env); code != 0 {
		t.Fatalf("webhook create: %d %s", code, errOut.String())
	}
	secret := strings.TrimSpace(out.String())
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("printed %q, want whsec_…", secret)
	}
	key, err := webhooks.ParseSecret(secret)
	if err != nil {
		t.Fatal(err)
	}

	cfg, err := config.Parse("serve", []string{"--data", data}, env, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	org, err := a.Identity.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Webhooks.Publish(ctx, org.ID, webhooks.Event{Type: webhooks.DossierSubmitted, Data: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Jobs.Work(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("receiver got %d requests", len(got))
	}
	ts, err := strconv.ParseInt(got[0].Get("webhook-timestamp"), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > time.Minute {
		t.Fatalf("webhook-timestamp %q", got[0].Get("webhook-timestamp"))
	}
	if sig, want := got[0].Get("webhook-signature"), webhooks.Sign(key, got[0].Get("webhook-id"), ts, bodies[0]); sig != want {
		t.Errorf("signature %q, want %q under the printed secret", sig, want)
	}
	if code := run(ctx, []string{"webhook", "create", "--data", data, "--org", "inconnue", "--url", "https://si.exemple.fr/x"},
		&out, &errOut, env); code == 0 {
		t.Error("an endpoint of an unknown organisation was made")
	}
}
