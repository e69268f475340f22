package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateBackupRestore runs the commands as an operator would on
// SQLite: generated data, a backup, a restore in another data folder that
// matches its manifest, a second restore refused without --force, and the
// journals still verified on the restored copy.
func TestGenerateBackupRestore(t *testing.T) {
	_, getenv := dataEnv(t)
	if getenv("GUICHET_DATABASE_URL") != "" {
		t.Skip("SQLite only: internal/backup tests the PostgreSQL copy")
	}
	ctx := context.Background()
	run1 := func(getenv func(string) string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(ctx, args, &stdout, &stderr, getenv)
		return code, stdout.String(), stderr.String()
	}
	code, out, errOut := run1(getenv, "demo", "generate", "--dossiers", "300", "--feedback", "250")
	if code != 0 || !strings.Contains(out, "300 dossiers, ") || !strings.Contains(out, "250 avis") ||
		!strings.Contains(out, "Go par million de dossiers (sqlite)") {
		t.Fatalf("generate: %d\n%s\n%s", code, out, errOut)
	}
	backupDir := filepath.Join(t.TempDir(), "sauvegarde")
	if code, out, errOut := run1(getenv, "backup", "--out", backupDir); code != 0 || !strings.Contains(out, "clé secrète comprise") {
		t.Fatalf("backup: %d\n%s\n%s", code, out, errOut)
	}
	other := t.TempDir()
	getenv2 := func(k string) string {
		if k == "GUICHET_DATA" {
			return other
		}
		return getenv(k)
	}
	if code, out, errOut := run1(getenv2, "restore", "--from", backupDir); code != 0 || !strings.Contains(out, "identiques au manifeste") {
		t.Fatalf("restore: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run1(getenv2, "restore", "--from", backupDir); code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("restore over a database: %d %s", code, errOut)
	}
	if code, out, _ := run1(getenv2, "restore", "--from", backupDir, "--check"); code != 0 || !strings.Contains(out, "identique à la sauvegarde") {
		t.Errorf("check: %d %s", code, out)
	}
	if code, out, errOut := run1(getenv2, "journal", "verify"); code != 0 || strings.Count(out, "chain intact") != 2 {
		t.Errorf("journal verify on the copy: %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run1(getenv, "backup"); code != 2 || !strings.Contains(errOut, "--out") {
		t.Errorf("backup without --out: %d %s", code, errOut)
	}
}
