package filestore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestDir runs the store contract on a folder.
func TestDir(t *testing.T) {
	testStore(t, Dir(t.TempDir()))
}

// TestS3 runs the same contract on a real S3-compatible server when
// GUICHET_TEST_S3_URL names one (http://ACCESS:SECRET@127.0.0.1:PORT/BUCKET,
// the bucket existing): scripts/test-s3.sh starts s3rver from npm for it.
func TestS3(t *testing.T) {
	raw := os.Getenv("GUICHET_TEST_S3_URL")
	if raw == "" {
		t.Skip("GUICHET_TEST_S3_URL is not set: scripts/test-s3.sh runs this test against s3rver")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	secret, _ := u.User.Password()
	bucket := strings.Trim(u.Path, "/")
	s, err := NewS3(S3Config{Endpoint: u.Scheme + "://" + u.Host, Region: "us-east-1", AccessKey: u.User.Username(),
		SecretKey: secret, Location: "s3://" + bucket + "/test-" + randomName(t)[:8]})
	if err != nil {
		t.Fatal(err)
	}
	testStore(t, s)
}

func randomName(t *testing.T) string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func testStore(t *testing.T, s Store) {
	ctx := context.Background()
	name := randomName(t)
	content := bytes.Repeat([]byte("%PDF-1.7 pièce justificative\n"), 4000)
	if err := s.Put(ctx, name, bytes.NewReader(content), int64(len(content))); err != nil {
		t.Fatal(err)
	}
	r, err := s.Open(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, content) {
		t.Errorf("read back %d bytes, want the %d written", len(got), len(content))
	}
	if _, err := s.Open(ctx, randomName(t)); !errors.Is(err, ErrNotFound) {
		t.Errorf("open of a name never stored: %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"../secret.key", "a/b", "", ".tmp-1"} {
		if err := s.Put(ctx, bad, strings.NewReader("x"), 1); err == nil {
			t.Errorf("Put(%q) accepted a name that could leave the store", bad)
		}
		if _, err := s.Open(ctx, bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("Open(%q): %v, want ErrNotFound", bad, err)
		}
	}
	if err := s.Remove(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, name); !errors.Is(err, ErrNotFound) {
		t.Errorf("open after remove: %v, want ErrNotFound", err)
	}
	if err := s.Remove(ctx, name); err != nil {
		t.Errorf("removing a missing name: %v", err)
	}
}

// TestDirRefusesAShortOrTakenWrite checks that a folder never keeps a
// truncated upload, nor replaces a file under a taken name.
func TestDirRefusesAShortOrTakenWrite(t *testing.T) {
	ctx := context.Background()
	d := Dir(t.TempDir())
	name := randomName(t)
	if err := d.Put(ctx, name, strings.NewReader("abc"), 10); err == nil {
		t.Error("a write shorter than announced was kept")
	}
	if _, err := d.Open(ctx, name); !errors.Is(err, ErrNotFound) {
		t.Errorf("after a short write: %v, want ErrNotFound", err)
	}
	if err := d.Put(ctx, name, strings.NewReader("first"), 5); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, name, strings.NewReader("other"), 5); err == nil {
		t.Error("a second write under a taken name was accepted")
	}
	r, _ := d.Open(ctx, name)
	got, _ := io.ReadAll(r)
	r.Close()
	if string(got) != "first" {
		t.Errorf("file holds %q, want the first write", got)
	}
	entries, _ := os.ReadDir(string(d))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the stored file (no temporary left)", len(entries))
	}
}
