package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"guichet/internal/config"
	"guichet/internal/database/dbtest"
)

// startApp runs the real application with the serve flags args on a
// fresh database and returns its address.
func startApp(t *testing.T, args ...string) *App {
	t.Helper()
	args = append([]string{"--addr", "127.0.0.1:0", "--data", t.TempDir(), "--workers", "0"}, args...)
	env := map[string]string{"GUICHET_DATABASE_URL": dbtest.URL(t)}
	cfg, err := config.Parse("serve", args, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
		a.Close()
	})
	return a
}

func fetch(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestRootRouter checks over HTTP that the root router mounts the pages,
// the API, the static files and the health checks, and that /metrics is
// never public: absent by default, behind its bearer token on the main
// address, open on its own address.
func TestRootRouter(t *testing.T) {
	a := startApp(t, "--metrics-token", "jeton-de-test", "--metrics-addr", "127.0.0.1:0")
	base := "http://" + a.Addr()
	for _, tt := range []struct {
		path, token string
		status      int
		want        string
	}{
		{"/", "", 200, `<html lang="fr">`},
		{"/healthz", "", 200, "ok"},
		{"/readyz", "", 200, "ready"},
		{"/api/v1/openapi.json", "", 200, `"openapi"`},
		{"/api/v1/nulle-part", "", 404, `"status":404`},
		{"/static/guichet.css", "", 200, "{"},
		{"/metrics", "", 401, ""},
		{"/metrics", "pas-le-bon", 401, ""},
		{"/metrics", "jeton-de-test", 200, "guichet_http_requests_total"},
	} {
		status, body := fetch(t, base+tt.path, tt.token)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s (token %q): %d, want %d with %q", tt.path, tt.token, status, tt.status, tt.want)
		}
	}
	status, body := fetch(t, "http://"+a.MetricsAddr()+"/metrics", "")
	if status != 200 || !strings.Contains(body, "guichet_jobs") {
		t.Errorf("GET /metrics on the metrics address: %d, want 200 with guichet_jobs", status)
	}
	if status, _ := fetch(t, "http://"+a.MetricsAddr()+"/", ""); status != 404 {
		t.Errorf("GET / on the metrics address: %d, want 404", status)
	}
	if status, body := fetch(t, "http://"+a.MetricsAddr()+"/debug/pprof/heap?debug=1", ""); status != 200 || !strings.Contains(body, "heap profile") {
		t.Errorf("GET /debug/pprof/heap on the metrics address: %d, want 200 with the heap profile", status)
	}
	if status, _ := fetch(t, base+"/debug/pprof/heap?debug=1", "jeton-de-test"); status != 404 {
		t.Errorf("GET /debug/pprof/heap on the public address: %d, want 404", status)
	}
}

// TestMetricsOffByDefault checks that without a token or an address of its
// own, /metrics is not served.
func TestMetricsOffByDefault(t *testing.T) {
	a := startApp(t)
	if status, body := fetch(t, "http://"+a.Addr()+"/metrics", ""); status != 404 || strings.Contains(body, "guichet_http") {
		t.Errorf("GET /metrics without settings: %d, want 404 and no metrics", status)
	}
}
