package places

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/database/dbtest"
)

func TestRunImportCommand(t *testing.T) {
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
		{"guessed format", []string{"places", "import", "testdata/broken-v1.csv"}, 0,
			"imported 4, updated 0, rejected 7", "rejeté : ligne 4 (id cp-faux), code_postal : Le code postal doit avoir 5 chiffres"},
		{"second run updates", []string{"import", "testdata/broken-v1.csv"}, 0, "imported 0, updated 4, rejected 7", "format détecté : v1-csv"},
		{"format given after the file", []string{"import", "testdata/france-services-2022-12.csv", "--format", "france-services-csv"}, 0,
			"imported 2657, updated 0, rejected 26", "rejeté : ligne 2508 (id 2696), commune : Indiquez la commune."},
		{"format given with =", []string{"import", "--format=cartographie-json", "testdata/conseillers-numeriques-lieux-2023.json"}, 0,
			"imported 2731, updated 0, rejected 2", "avertissement : élément 773"},
		{"missing file", []string{"import", filepath.Join(dir, "absent.csv")}, 1, "", "n'a pas pu être lu"},
		{"empty file", []string{"import", empty}, 1, "", "Le fichier est vide."},
		{"wrong format for the content", []string{"import", "testdata/exemple-valide-v1.csv", "--format", "v1-json"}, 1,
			"imported 0, updated 0, rejected 0", "JSON"},
		{"unknown format", []string{"import", "testdata/exemple-valide-v1.csv", "--format", "xlsx"}, 2, "", "usage:"},
		{"no file", []string{"import"}, 2, "", "usage:"},
		{"unknown command", []string{"places", "delete"}, 2, "", "commande inconnue"},
		{"unknown option", []string{"import", "a.csv", "--force"}, 2, "", "option inconnue --force"},
		{"export to stdout", []string{"export", "--format", "v1-json"}, 0, `"id": "bon-1"`, ""},
		{"export in a wrong format", []string{"export", "--format", "france-services-csv"}, 2, "", "v1-csv ou v1-json"},
	}
	db := dbtest.Open(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := RunImportCommand(context.Background(), db, tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
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

func TestRunExportToFile(t *testing.T) {
	db := openSearchDB(t)
	out := filepath.Join(t.TempDir(), "lieux.csv")
	var stdout, stderr bytes.Buffer
	if code := RunImportCommand(context.Background(), db, []string{"places", "export", "--output", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: code %d, stderr %s", code, stderr.String())
	}
	if got, want := stdout.String(), "exported 12 places to "+out+"\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(strings.Join(Fields(), ",")+"\n")) || bytes.Count(data, []byte("\n")) != 13 {
		t.Errorf("exported file:\n%s", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the export left %d files, want only %s", len(entries), out)
	}
}
