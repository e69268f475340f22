package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/app"
	"guichet/internal/config"
	"guichet/internal/database/dbtest"
	"guichet/internal/mail"
)

// binary is the guichet binary built once for the tests of this package.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func guichetBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "guichet-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "guichet")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// server is a guichet process under test.
type server struct {
	cmd     *exec.Cmd
	baseURL string
	output  *strings.Builder
	mu      *sync.Mutex
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServer runs `guichet serve` with args on dataDir (and the test
// PostgreSQL schema dbURL when set) and waits until /readyz answers.
func startServer(t *testing.T, dataDir, dbURL string, env []string, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(guichetBinary(t), append([]string{"serve", "--addr", addr, "--data", dataDir}, args...)...)
	cmd.Env = append(os.Environ(), "GUICHET_DATABASE_URL="+dbURL)
	cmd.Env = append(cmd.Env, env...)
	s := &server{cmd: cmd, baseURL: "http://" + addr, output: &strings.Builder{}, mu: &sync.Mutex{}}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			s.mu.Lock()
			s.output.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
		}
	}()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		pw.Close()
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.baseURL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("server did not become ready:\n%s", s.logs())
	return nil
}

func (s *server) logs() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.output.String()
}

func (s *server) kill(t *testing.T) {
	t.Helper()
	s.cmd.Process.Kill() // SIGKILL: no chance to finish anything
	s.cmd.Wait()
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func post(t *testing.T, c *http.Client, u string, form url.Values, headers ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestServeOperationsAndShell(t *testing.T) {
	s := startServer(t, t.TempDir(), dbtest.URL(t), []string{"GUICHET_METRICS_TOKEN=jeton"}, "--demo")
	c := newClient()
	for _, p := range []string{"/healthz", "/readyz"} {
		if resp, _ := get(t, c, s.baseURL+p); resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	if resp, _ := get(t, c, s.baseURL+"/metrics"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/metrics without the token: %d, want 401", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", s.baseURL+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer jeton")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != 200 || !strings.Contains(body, "# TYPE guichet_http_requests_total counter") ||
		!strings.Contains(body, "guichet_jobs") {
		t.Errorf("/metrics: %d, Prometheus text with guichet metrics expected", resp.StatusCode)
	}
	resp, body = get(t, c, s.baseURL+"/")
	if !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "<main") {
		t.Error("home page lacks lang=fr or a main landmark")
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if !strings.Contains(s.logs(), "usager@demo.guichet.test") {
		t.Error("the demo accounts are not printed at start")
	}
	// Cross-site POST refused.
	resp, _ = post(t, c, s.baseURL+"/connexion", url.Values{"email": {"a@b.fr"}, "password": {"x"}},
		"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", resp.StatusCode)
	}
}

func TestSignInThrottleAndSecondFactor(t *testing.T) {
	s := startServer(t, t.TempDir(), dbtest.URL(t), nil, "--demo", "--login-lock", "2s")
	c := newClient()
	email := "usager@demo.guichet.test"
	var resp *http.Response
	var body string
	for i := 0; i < 6; i++ {
		resp, body = post(t, c, s.baseURL+"/connexion", url.Values{"email": {email}, "password": {"pas-le-bon-mot-de-passe"}})
		if i == 0 && (resp.StatusCode != 422 || !strings.Contains(body, "error-summary") || !strings.Contains(body, `value="`+email+`"`)) {
			t.Fatalf("wrong password: %d, want 422 with the error summary and the e-mail kept", resp.StatusCode)
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "attendez") {
		t.Fatalf("after 6 wrong passwords: %d, want 429 with a French wait message", resp.StatusCode)
	}
	resp, _ = post(t, c, s.baseURL+"/connexion", url.Values{"email": {email}, "password": {"usager-demo-2026"}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password during the lock: %d, want 429", resp.StatusCode)
	}
	time.Sleep(2500 * time.Millisecond)
	resp, _ = post(t, c, s.baseURL+"/connexion", url.Values{"email": {email}, "password": {"usager-demo-2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("right password after the delay: %d, want 303", resp.StatusCode)
	}
	if resp, _ = get(t, c, s.baseURL+"/compte"); resp.StatusCode != 200 {
		t.Fatalf("citizen account page: %d", resp.StatusCode)
	}

	staff := newClient()
	resp, _ = post(t, staff, s.baseURL+"/connexion", url.Values{"email": {"agent@demo.guichet.test"}, "password": {"agent-demo-2026"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/connexion/second-facteur" {
		t.Fatalf("agent sign-in: %d to %q, want the second factor", resp.StatusCode, loc)
	}
	for _, p := range []string{"/espace", "/espace/caf", "/compte"} {
		resp, _ = get(t, staff, s.baseURL+p)
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/connexion/second-facteur" {
			t.Errorf("%s before the second factor: %d to %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	code := totpNow(t, "UC76SDZV734YMMGAMCMV3DL4NS3KMACU")
	resp, _ = post(t, staff, s.baseURL+"/connexion/second-facteur", url.Values{"code": {code}})
	if resp.StatusCode != 303 {
		t.Fatalf("second factor: %d", resp.StatusCode)
	}
	if resp, _ = get(t, staff, s.baseURL+"/espace/caf"); resp.StatusCode != 200 {
		t.Errorf("agent's organisation page after the second factor: %d", resp.StatusCode)
	}
	if resp, _ = get(t, staff, s.baseURL+"/espace/cpam"); resp.StatusCode != 403 {
		t.Errorf("another organisation's page: %d, want 403", resp.StatusCode)
	}
}

func totpNow(t *testing.T, secret string) string {
	t.Helper()
	var out strings.Builder
	if code := run(context.Background(), []string{"totp", secret}, &out, io.Discard, os.Getenv); code != 0 {
		t.Fatal("guichet totp failed")
	}
	return strings.TrimSpace(out.String())
}

// TestJobsSurviveSIGKILL queues e-mails on a server without workers, kills
// it with SIGKILL, and checks a restarted server sends every one of them.
func TestJobsSurviveSIGKILL(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	s := startServer(t, data, dbURL, nil, "--demo", "--workers", "0")
	c := newClient()
	emails := []string{"usager@demo.guichet.test", "agent@demo.guichet.test", "mediateur@demo.guichet.test"}
	for _, e := range emails {
		resp, _ := post(t, c, s.baseURL+"/mot-de-passe/oublie", url.Values{"email": {e}})
		if resp.StatusCode != 200 {
			t.Fatalf("reset request for %s: %d", e, resp.StatusCode)
		}
	}
	s.kill(t)
	if msgs, _ := mail.ReadOutbox(filepath.Join(data, "outbox")); len(msgs) != 0 {
		t.Fatalf("%d e-mails sent without workers", len(msgs))
	}
	startServer(t, data, dbURL, nil, "--workers", "2")
	// The demo's own notifications go out too: count the reset e-mails.
	resets := func() int {
		msgs, _ := mail.ReadOutbox(filepath.Join(data, "outbox"))
		n := 0
		for _, m := range msgs {
			if strings.Contains(m.Body, "/mot-de-passe/nouveau?jeton=") {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resets() == len(emails) {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("after restart %d of %d reset e-mails sent", resets(), len(emails))
}

func TestVersion(t *testing.T) {
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"version"}, &out, &errOut, os.Getenv); code != 0 || !strings.HasPrefix(out.String(), "guichet ") {
		t.Errorf("version: %d %q", code, out.String())
	}
}

func TestUserCreate(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	env := func(k string) string {
		switch k {
		case "GUICHET_PASSWORD":
			return "un-mot-de-passe-solide"
		case "GUICHET_DATABASE_URL":
			return dbURL
		}
		return ""
	}
	var out, errOut strings.Builder
	code := run(context.Background(), []string{"user", "create", "--data", data, "--email", "Admin@Exemple.fr",
		"--role", "admin", "--org", "exploitation", "--name", "Admin"}, &out, &errOut, env)
	if code != 0 || !strings.Contains(out.String(), "compte 1 créé pour admin@exemple.fr") {
		t.Fatalf("user create: %d\n%s\n%s", code, out.String(), errOut.String())
	}
	// The first administrator, in an organisation made for them, runs the
	// platform.
	cfg, err := config.Parse("serve", []string{"--data", data}, env, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.Identity.UserByEmail(context.Background(), "admin@exemple.fr")
	a.Close()
	if err != nil || !u.IsPlatformAdmin() {
		t.Fatalf("the first administrator is no platform administrator: %+v, %v", u, err)
	}
	code = run(context.Background(), []string{"user", "create", "--data", data, "--email", "admin@exemple.fr",
		"--role", "admin", "--org", "exploitation"}, &out, &errOut, env)
	if code == 0 {
		t.Error("creating the same account twice succeeded")
	}
	if !strings.Contains(errOut.String(), "guichet : ") {
		t.Errorf("stderr %q", errOut.String())
	}
}
