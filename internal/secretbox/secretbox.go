// Package secretbox seals sensitive fields (TOTP secrets, bank details)
// before they are stored, with AES-256-GCM under one key of the instance.
//
// A sealed value is text: a version prefix ("v1:") then the base64 of a
// random 12-byte nonce followed by the ciphertext and its tag. The prefix
// lets a later version change the key or the algorithm while older values
// still open.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length in bytes of a key: AES-256.
const KeySize = 32

// prefix marks values sealed with AES-256-GCM under the instance key.
const prefix = "v1:"

// ErrOpen is returned by Open when a value is damaged, was tampered with or
// was sealed under another key.
var ErrOpen = errors.New("secretbox: the sealed value cannot be opened")

// Box seals and opens values under one key. It is safe for concurrent use.
type Box struct {
	aead cipher.AEAD
}

// New returns a Box sealing under key, which must be KeySize bytes long.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("secretbox: key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secretbox: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plain under a fresh random nonce and returns the versioned
// text to store. Sealing the same value twice gives two different texts.
func (b *Box) Seal(plain []byte) string {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(plain)+b.aead.Overhead())
	// crypto/rand.Read never returns an error: it crashes the program
	// rather than hand out predictable bytes.
	rand.Read(nonce)
	sealed := b.aead.Seal(nonce, nonce, plain, []byte(prefix))
	return prefix + base64.StdEncoding.EncodeToString(sealed)
}

// IsSealed tells whether s looks like a text made by Seal, as opposed to
// plain text stored beside sealed values (JSON never starts with "v1:").
func IsSealed(s string) bool { return strings.HasPrefix(s, prefix) }

// Open checks and decrypts a text made by Seal. It returns ErrOpen when the
// text was altered, truncated or sealed under another key.
func (b *Box) Open(sealed string) ([]byte, error) {
	body, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return nil, fmt.Errorf("%w: unknown version", ErrOpen)
	}
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOpen, err)
	}
	n := b.aead.NonceSize()
	if len(raw) < n+b.aead.Overhead() {
		return nil, fmt.Errorf("%w: too short", ErrOpen)
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(prefix))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
