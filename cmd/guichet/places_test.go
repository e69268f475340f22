package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/database/dbtest"
	"guichet/internal/places"
)

// testdata is the folder of the places package's sample files.
const testdata = "../../internal/places/testdata/"

// dataEnv returns the environment of a command working on a fresh data
// folder and, when the tests run on PostgreSQL, a fresh schema; extra
// variables are added on top.
func dataEnv(t *testing.T, extra ...string) (data string, getenv func(string) string) {
	t.Helper()
	data, dbURL := t.TempDir(), dbtest.URL(t)
	m := map[string]string{"GUICHET_DATA": data, "GUICHET_DATABASE_URL": dbURL}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return data, func(k string) string { return m[k] }
}

func TestPlacesCommand(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "vide.csv")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // a line stdout must hold
		wantStderr string // text stderr must hold
	}{
		{"guessed format", []string{"places", "import", testdata + "broken-v1.csv"}, 0,
			"importés 4, mis à jour 0, rejetés 7", "rejeté : ligne 4 (id cp-faux), code_postal : Le code postal doit avoir 5 chiffres"},
		{"second run updates", []string{"places", "import", testdata + "broken-v1.csv"}, 0, "importés 0, mis à jour 4, rejetés 7", "format détecté : v1-csv"},
		{"format given after the file", []string{"places", "import", testdata + "france-services-2022-12.csv", "--format", "france-services-csv"}, 0,
			"importés 2657, mis à jour 0, rejetés 26", "rejeté : ligne 2508 (id 2696), commune : Indiquez la commune."},
		{"format given with =", []string{"places", "import", "--format=cartographie-json", testdata + "conseillers-numeriques-lieux-2023.json"}, 0,
			"importés 2731, mis à jour 0, rejetés 2", "avertissement : élément 773"},
		{"missing file", []string{"places", "import", filepath.Join(dir, "absent.csv")}, 1, "", "n'a pas pu être lu"},
		{"empty file", []string{"places", "import", empty}, 1, "", "Le fichier est vide."},
		{"wrong format for the content", []string{"places", "import", testdata + "exemple-valide-v1.csv", "--format", "v1-json"}, 1,
			"importés 0, mis à jour 0, rejetés 0", "JSON"},
		{"unknown format", []string{"places", "import", testdata + "exemple-valide-v1.csv", "--format", "xlsx"}, 2, "", "guichet places import --help"},
		{"no file", []string{"places", "import"}, 2, "", "indiquez un seul fichier"},
		{"unknown command", []string{"places", "delete"}, 2, "", "commande inconnue « delete »"},
		{"unknown option", []string{"places", "import", "a.csv", "--force"}, 2, "", "option inconnue --force"},
		{"export to stdout", []string{"places", "export", "--format", "v1-json"}, 0, `"id": "bon-1"`, ""},
		{"export in a wrong format", []string{"places", "export", "--format", "france-services-csv"}, 2, "", "v1-csv ou v1-json"},
	}
	_, getenv := dataEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr, getenv)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, shortText(stderr.String()))
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout = %q, want it to hold %q", shortText(stdout.String()), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want it to hold %q", shortText(stderr.String()), tt.wantStderr)
			}
		})
	}
}

func shortText(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

func TestPlacesExportToFile(t *testing.T) {
	_, getenv := dataEnv(t)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"places", "import", testdata + "search-v1.csv"}, &stdout, &stderr, getenv); code != 0 {
		t.Fatalf("import: code %d, stderr %s", code, stderr.String())
	}
	out := filepath.Join(t.TempDir(), "lieux.csv")
	stdout.Reset()
	if code := run(context.Background(), []string{"places", "export", "--output", out}, &stdout, &stderr, getenv); code != 0 {
		t.Fatalf("export: code %d, stderr %s", code, stderr.String())
	}
	if got, want := stdout.String(), "lieux exportés dans "+out+"\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(strings.Join(places.Fields(), ",")+"\n")) || bytes.Count(data, []byte("\n")) != 13 {
		t.Errorf("exported file:\n%s", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the export left %d files, want only %s", len(entries), out)
	}
}

// TestPlacesImportWithoutTheProvider: an import touches data only, so it
// works while the OpenID Connect provider of the instance is out of reach
// (before, it performed the provider's discovery and failed).
func TestPlacesImportWithoutTheProvider(t *testing.T) {
	_, getenv := dataEnv(t, "GUICHET_OIDC_ISSUER", "http://127.0.0.1:1/personne", "GUICHET_OIDC_CLIENT_ID", "guichet",
		"GUICHET_SMTP_ADDR", "127.0.0.1:1")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"places", "import", testdata + "exemple-valide-v1.csv"}, &stdout, &stderr, getenv)
	if code != 0 || !strings.Contains(stdout.String(), "importés") {
		t.Fatalf("import with the provider unreachable: code %d\nstdout %s\nstderr %s", code, stdout.String(), stderr.String())
	}
	// serve, by contrast, needs its provider.
	stderr.Reset()
	if code := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, &stdout, &stderr, getenv); code == 0 ||
		!strings.Contains(stderr.String(), "OpenID Connect") {
		t.Errorf("serve with the provider unreachable: code %d, stderr %s", code, stderr.String())
	}
}
