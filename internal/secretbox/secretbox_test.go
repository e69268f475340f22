package secretbox

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func newBox(t *testing.T, fill byte) *Box {
	t.Helper()
	b, err := New(bytes.Repeat([]byte{fill}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewKeySize(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33, 64} {
		if _, err := New(make([]byte, n)); err == nil {
			t.Errorf("New with a %d-byte key: got no error, want one", n)
		}
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	box := newBox(t, 7)
	tests := []struct {
		name  string
		plain []byte
	}{
		{"empty", []byte{}},
		{"totp secret", []byte("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")},
		{"iban", []byte("FR76 3000 6000 0112 3456 7890 189")},
		{"binary", bytes.Repeat([]byte{0, 255, 1}, 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed := box.Seal(tt.plain)
			if !strings.HasPrefix(sealed, "v1:") {
				t.Errorf("sealed %q has no v1: prefix", sealed)
			}
			if len(tt.plain) > 4 && strings.Contains(sealed, string(tt.plain)) {
				t.Errorf("sealed text %q shows the plain value", sealed)
			}
			got, err := box.Open(sealed)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !bytes.Equal(got, tt.plain) {
				t.Errorf("got %q, want %q", got, tt.plain)
			}
		})
	}
}

func TestSealUsesFreshNonces(t *testing.T) {
	box := newBox(t, 1)
	a, b := box.Seal([]byte("même valeur")), box.Seal([]byte("même valeur"))
	if a == b {
		t.Errorf("two seals of one value gave the same text %q", a)
	}
}

func TestOpenDetectsTampering(t *testing.T) {
	box := newBox(t, 3)
	sealed := box.Seal([]byte("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
	raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(sealed, "v1:"))
	flip := func(i int) string {
		c := bytes.Clone(raw)
		c[i] ^= 0x01
		return "v1:" + base64.StdEncoding.EncodeToString(c)
	}
	tests := []struct {
		name   string
		sealed string
	}{
		{"nonce bit flipped", flip(0)},
		{"ciphertext bit flipped", flip(14)},
		{"tag bit flipped", flip(len(raw) - 1)},
		{"truncated", "v1:" + base64.StdEncoding.EncodeToString(raw[:len(raw)-1])},
		{"too short", "v1:" + base64.StdEncoding.EncodeToString(raw[:10])},
		{"no prefix", strings.TrimPrefix(sealed, "v1:")},
		{"unknown version", "v2:" + strings.TrimPrefix(sealed, "v1:")},
		{"not base64", "v1:***"},
		{"other key", newBox(t, 4).Seal([]byte("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := box.Open(tt.sealed)
			if !errors.Is(err, ErrOpen) {
				t.Errorf("Open: got %q, %v; want ErrOpen", got, err)
			}
		})
	}
}
