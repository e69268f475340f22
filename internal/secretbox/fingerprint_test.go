package secretbox

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

func TestFingerprint(t *testing.T) {
	a, b := bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize)
	if Fingerprint(a) != Fingerprint(append([]byte(nil), a...)) {
		t.Error("the same key gives two fingerprints")
	}
	if Fingerprint(a) == Fingerprint(b) {
		t.Error("two keys give the same fingerprint")
	}
	if fp := Fingerprint(a); len(fp) != 64 || strings.Contains(fp, hex.EncodeToString(a)) {
		t.Errorf("fingerprint %q: want 64 hex digits that do not hold the key", fp)
	}
}
