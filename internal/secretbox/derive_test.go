package secretbox

import (
	"bytes"
	"testing"
)

func TestDeriveGivesOneKeyPerPurpose(t *testing.T) {
	key := bytes.Repeat([]byte{7}, KeySize)
	a, b := Derive(key, "a"), Derive(key, "b")
	if len(a) != KeySize || bytes.Equal(a, b) || bytes.Equal(a, key) {
		t.Fatalf("Derive gave %x and %x", a, b)
	}
	if !bytes.Equal(a, Derive(key, "a")) {
		t.Fatal("Derive is not stable")
	}
	if bytes.Equal(a, Derive(bytes.Repeat([]byte{8}, KeySize), "a")) {
		t.Fatal("another instance key gives the same key")
	}
}
