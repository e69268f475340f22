package secretbox

import (
	"crypto/hkdf"
	"crypto/sha256"
)

// Derive returns a 32-byte key for one purpose (HKDF-SHA256 of the
// instance key, the purpose as info), so that a module can sign or MAC
// under a key of its own without ever using the sealing key itself for it.
func Derive(key []byte, purpose string) []byte {
	out, err := hkdf.Key(sha256.New, key, nil, purpose, KeySize)
	if err != nil {
		// hkdf.Key fails only for lengths it cannot produce; 32 is fine.
		panic("secretbox: derive: " + err.Error())
	}
	return out
}
