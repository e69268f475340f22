package webhooks

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// SecretPrefix starts a secret as it is shown, as the specification
// writes it, so that receivers' libraries take it as it is.
const SecretPrefix = "whsec_"

// secretSize is the length of a secret in bytes: the specification asks
// for 24 to 64.
const secretSize = 32

// newSecret returns fresh random secret bytes.
func newSecret() []byte {
	b := make([]byte, secretSize)
	rand.Read(b)
	return b
}

// FormatSecret writes secret bytes as they are shown: "whsec_" and their
// standard base64.
func FormatSecret(secret []byte) string {
	return SecretPrefix + base64.StdEncoding.EncodeToString(secret)
}

// ParseSecret reads a secret as FormatSecret writes it (the prefix is
// optional).
func ParseSecret(s string) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, SecretPrefix))
	if err != nil || len(b) == 0 {
		return nil, errors.New("webhooks: a secret is whsec_ and base64")
	}
	return b, nil
}

// Sign returns the webhook-signature header of one try: "v1," and the
// base64 HMAC-SHA256, under the secret bytes, of id "." timestamp "." body.
func Sign(secret []byte, id string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(id))
	mac.Write([]byte{'.'})
	mac.Write([]byte(strconv.FormatInt(timestamp, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
