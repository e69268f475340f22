package secretbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// fingerprintLabel separates the fingerprint from every other use of the key.
const fingerprintLabel = "guichet instance key fingerprint v1"

// Fingerprint names key without revealing it: the SHA-256 HMAC of a fixed
// label under the key. Two nodes hold the same key exactly when their
// fingerprints are equal, and the fingerprint, stored in the database, gives
// nothing to an attacker who reads it.
func Fingerprint(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(fingerprintLabel))
	return hex.EncodeToString(m.Sum(nil))
}
