package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/mail"
)

// TestServeWithoutWorkersLeavesJobsToWorker: `serve --workers 0` runs no
// job, and `guichet worker --once` runs the job it left.
func TestServeWithoutWorkersLeavesJobsToWorker(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	env := func(k string) string {
		return map[string]string{"GUICHET_PASSWORD": "un-mot-de-passe-solide", "GUICHET_DATABASE_URL": dbURL, "GUICHET_DATA": data}[k]
	}
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"user", "create", "--email", "zoe@exemple.fr", "--role", "citizen"}, &out, &errOut, env); code != 0 {
		t.Fatalf("user create: %s", errOut.String())
	}
	s := startServer(t, data, dbURL, nil, "--workers", "0")
	if resp, _ := post(t, newClient(), s.baseURL+"/mot-de-passe/oublie", url.Values{"email": {"zoe@exemple.fr"}}); resp.StatusCode != 200 {
		t.Fatalf("reset request: %d", resp.StatusCode)
	}
	// An idle worker polls every second: three seconds give any of them time.
	time.Sleep(3 * time.Second)
	outbox := filepath.Join(data, "outbox")
	if msgs, _ := mail.ReadOutbox(outbox); len(msgs) != 0 {
		t.Fatalf("serve --workers 0 sent %d e-mails", len(msgs))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, guichetBinary(t), "worker", "--once", "--data", data)
	cmd.Env = append(os.Environ(), "GUICHET_DATABASE_URL="+dbURL)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("worker --once: %v\n%s", err, b)
	}
	msgs, _ := mail.ReadOutbox(outbox)
	if len(msgs) != 1 || msgs[0].To != "zoe@exemple.fr" {
		t.Fatalf("after worker --once: %+v, want the reset e-mail to zoe@exemple.fr", msgs)
	}
}

// TestDemoRefusedOnPublicAddress: the demo's passwords are public, so the
// real binary refuses to serve them on every interface.
func TestDemoRefusedOnPublicAddress(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	port := freeAddr(t)[len("127.0.0.1:"):]
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, guichetBinary(t), "serve", "--demo", "--addr", "0.0.0.0:"+port, "--data", data)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 {
		t.Fatalf("serve --demo --addr 0.0.0.0:%s: %v, want exit status 2", port, err)
	}
	for _, want := range []string{"mots de passe publics", "--demo-public", "adresse locale"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q lacks %q", stderr.String(), want)
		}
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("the refused demo created its data folder")
	}
}

// TestDemoAccountsDoNotOutliveTheDemo: a start without --demo disables the
// demo accounts; a new demo turns them back on.
func TestDemoAccountsDoNotOutliveTheDemo(t *testing.T) {
	data, dbURL := t.TempDir(), dbtest.URL(t)
	signIn := func(s *server) int {
		resp, _ := post(t, newClient(), s.baseURL+"/connexion",
			url.Values{"email": {"usager@demo.guichet.test"}, "password": {"usager-demo-2026"}})
		return resp.StatusCode
	}
	s := startServer(t, data, dbURL, nil, "--demo")
	if code := signIn(s); code != http.StatusSeeOther {
		t.Fatalf("demo sign-in: %d, want 303", code)
	}
	s.kill(t)
	s = startServer(t, data, dbURL, nil)
	if code := signIn(s); code == http.StatusSeeOther {
		t.Fatal("a demo account signed in on a server started without --demo")
	}
	if !strings.Contains(s.logs(), "comptes de démonstration désactivés") {
		t.Errorf("the server did not say it disabled the demo accounts:\n%s", s.logs())
	}
	s.kill(t)
	s = startServer(t, data, dbURL, nil, "--demo")
	if code := signIn(s); code != http.StatusSeeOther {
		t.Fatalf("demo sign-in after a new demo: %d, want 303", code)
	}
}

func writeKeyFile(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	path := filepath.Join(t.TempDir(), "cle")
	if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(b)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestNodesWithAnotherKeyRefused: the first start records the key's
// fingerprint; a node given another key refuses to start, on both
// databases. The keys come from files, as --secret-key-file and
// GUICHET_SECRET_KEY_FILE give them.
func TestNodesWithAnotherKeyRefused(t *testing.T) {
	first, second := writeKeyFile(t), writeKeyFile(t)
	_, getenv := dataEnv(t)
	var out, errOut strings.Builder
	if code := run(context.Background(), []string{"migrate", "--secret-key-file", first}, &out, &errOut, getenv); code != 0 {
		t.Fatalf("first node: %d %s", code, errOut.String())
	}
	errOut.Reset()
	code := run(context.Background(), []string{"migrate", "--secret-key-file", second}, &out, &errOut, getenv)
	if code != 1 || !strings.Contains(errOut.String(), "ouverte la première fois avec une autre clé secrète") {
		t.Fatalf("node with another key: code %d, stderr %q", code, errOut.String())
	}
	withEnv := func(k string) string {
		if k == "GUICHET_SECRET_KEY_FILE" {
			return first
		}
		return getenv(k)
	}
	errOut.Reset()
	if code := run(context.Background(), []string{"migrate"}, &out, &errOut, withEnv); code != 0 {
		t.Fatalf("node with the first key from GUICHET_SECRET_KEY_FILE: %d %s", code, errOut.String())
	}
}
