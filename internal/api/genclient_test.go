package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/dossiers"
)

// The generator and the runtime its clients import: fetched by the go
// command into a module of the test's own, never into Guichet's go.mod.
const (
	oapiCodegen = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.5.1"
	oapiRuntime = "github.com/oapi-codegen/runtime v1.9.0"
)

// TestGeneratedGoClientCallsTheAPI generates a Go client from the OpenAPI
// document with oapi-codegen, and with it lists the dossiers of a running
// API, reads one, takes it (If-Match), is refused from a stale version and
// decides it (Idempotency-Key): what an administration's developer would
// do from the document alone.
func TestGeneratedGoClientCallsTheAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated client with the go command (-short)")
	}
	t.Parallel()
	f := newDossiersAPI(t)
	srv := httptest.NewServer(f.Server)
	defer srv.Close()

	dir := t.TempDir()
	doc, err := json.MarshalIndent(openAPIDocument(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	prog, err := os.ReadFile(filepath.Join("testdata", "genclient", "main.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{
		"openapi.json": string(doc),
		"config.yaml":  "package: client\noutput: client/client.gen.go\ngenerate:\n  client: true\n  models: true\n",
		"go.mod":       "module genclient\n\ngo 1.24\n\nrequire " + oapiRuntime + "\n",
		"main.go":      string(prog),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "client"), 0o700); err != nil {
		t.Fatal(err)
	}
	goCmd := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"GOWORK=off", "GOFLAGS=-mod=mod"}, env...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := goCmd(nil, "run", oapiCodegen, "-config", "config.yaml", "openapi.json"); strings.Contains(out, "WARNING") {
		t.Fatalf("the generator warns about the document:\n%s", out)
	}
	goCmd(nil, "mod", "tidy")
	out := goCmd([]string{"GUICHET_URL=" + srv.URL, "GUICHET_TOKEN=" + f.caf}, "run", ".")
	ref := f.dossier.ShownReference()
	for _, want := range []string{"listed " + ref + " en_construction", "read " + ref + " 1 files", "taken en_instruction",
		"stale changed", "decided accepte"} {
		if !strings.Contains(out, want) {
			t.Errorf("the client's output lacks %q:\n%s", want, out)
		}
	}
	d, err := f.dos.Get(context.Background(), f.marie.ID, f.dossier.ID)
	if err != nil || d.State != dossiers.Accepted {
		t.Fatalf("the dossier after the client: %+v, %v", d, err)
	}
}
