package secretbox

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLoadOrCreateKeyFromConfiguration(t *testing.T) {
	want := bytes.Repeat([]byte{0xfb}, KeySize)
	tests := []struct {
		name    string
		encoded string
		wantErr bool
	}{
		{"standard", base64.StdEncoding.EncodeToString(want), false},
		{"url-safe unpadded", base64.RawURLEncoding.EncodeToString(want), false},
		{"with newline", base64.StdEncoding.EncodeToString(want) + "\n", false},
		{"too short", base64.StdEncoding.EncodeToString(want[:16]), true},
		{"not base64", "pas une clé", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "secret.key")
			got, err := LoadOrCreateKey(tt.encoded, path)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("got key %x, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got %x, want %x", got, want)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("a configured key must not create the file (stat: %v)", err)
			}
		})
	}
}

func TestLoadOrCreateKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret.key")
	first, err := LoadOrCreateKey("", path)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != KeySize {
		t.Fatalf("got %d bytes, want %d", len(first), KeySize)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("key file mode: got %04o, want 0600", got)
		}
	}
	again, err := LoadOrCreateKey("", path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Errorf("second load gave another key: %x then %x", first, again)
	}
	if _, err := New(again); err != nil {
		t.Errorf("loaded key does not make a Box: %v", err)
	}
}

func TestLoadOrCreateKeyRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := base64.StdEncoding.EncodeToString(make([]byte, KeySize))
	tests := []struct {
		name string
		path string
	}{
		{"empty", write("empty.key", "", 0o600)},
		{"damaged", write("damaged.key", "abc", 0o600)},
		{"no path", ""},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct{ name, path string }{"readable by others", write("open.key", good, 0o644)})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if key, err := LoadOrCreateKey("", tt.path); err == nil {
				t.Errorf("got key %x, want an error", key)
			}
		})
	}
}
