package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"guichet/internal/config"
	"guichet/internal/database/dbtest"
)

func newKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func storageConfig(t *testing.T, data, dbURL string, env map[string]string) config.Config {
	t.Helper()
	env["GUICHET_DATA"], env["GUICHET_DATABASE_URL"] = data, dbURL
	cfg, err := config.Parse("test", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestOpenStorageRefusesAnotherKey(t *testing.T) {
	ctx := context.Background()
	data, dbURL := t.TempDir(), dbtest.URL(t)
	logger := slog.New(slog.DiscardHandler)
	first := storageConfig(t, data, dbURL, map[string]string{"GUICHET_SECRET_KEY": newKey(t)})
	st, err := OpenStorage(ctx, first, logger)
	if err != nil {
		t.Fatalf("first start: %v", err)
	}
	st.Close()
	if st, err = OpenStorage(ctx, first, logger); err != nil {
		t.Fatalf("second start with the same key: %v", err)
	}
	st.Close()
	other := storageConfig(t, data, dbURL, map[string]string{"GUICHET_SECRET_KEY": newKey(t)})
	st, err = OpenStorage(ctx, other, logger)
	if err == nil {
		st.Close()
		t.Fatal("a node with another secret key started on the same database")
	}
	if !strings.Contains(err.Error(), "autre clé secrète") {
		t.Errorf("error %q does not say in French that the key differs", err)
	}
}

// TestOpenStorageContactsNoProvider: storage commands must work while the
// OpenID Connect provider is out of reach.
func TestOpenStorageContactsNoProvider(t *testing.T) {
	cfg := storageConfig(t, t.TempDir(), dbtest.URL(t), map[string]string{
		"GUICHET_OIDC_ISSUER": "http://127.0.0.1:1/unreachable", "GUICHET_OIDC_CLIENT_ID": "guichet"})
	st, err := OpenStorage(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open storage with an unreachable provider: %v", err)
	}
	st.Close()
	if _, err := Open(context.Background(), cfg, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("the whole application opened without its provider: the test proves nothing")
	}
}

func TestSecretKeyFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	data := filepath.Join(t.TempDir(), "data")
	st, err := OpenStorage(context.Background(), storageConfig(t, data, "", map[string]string{}), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for path, want := range map[string]os.FileMode{data: 0o700, filepath.Join(data, "secret.key"): 0o600,
		filepath.Join(data, "guichet.db"): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", path, got, want)
		}
	}
}
