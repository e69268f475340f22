package identity

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-jose/go-jose/v4"
)

// LoadOrCreateDecryptionKeys reads Guichet's private keys for FranceConnect+
// from a JWKS file, creating it with one new P-256 key (ECDH-ES) when it
// does not exist. To rotate, put a new key first in the file and keep the
// old one until the provider has fetched the new public key set: the
// first key is published first, every key in the file can decrypt.
func LoadOrCreateDecryptionKeys(path string) (*jose.JSONWebKeySet, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return createDecryptionKeys(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read decryption keys: %w", err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(b, &set); err != nil {
		return nil, fmt.Errorf("read decryption keys %s: %w", path, err)
	}
	if len(set.Keys) == 0 {
		return nil, fmt.Errorf("decryption keys %s: no key", path)
	}
	for _, k := range set.Keys {
		if k.IsPublic() || k.KeyID == "" {
			return nil, fmt.Errorf("decryption keys %s: key %q must be private and have a kid", path, k.KeyID)
		}
	}
	return &set, nil
}

func createDecryptionKeys(path string) (*jose.JSONWebKeySet, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	set := &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: key, KeyID: "enc-" + newToken()[:8], Algorithm: string(jose.ECDH_ES), Use: "enc"},
	}}
	b, err := json.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return nil, fmt.Errorf("write decryption keys: %w", err)
	}
	return set, nil
}

// PublicKeys returns the public half of set, for Guichet's JWKS endpoint.
func PublicKeys(set *jose.JSONWebKeySet) jose.JSONWebKeySet {
	var out jose.JSONWebKeySet
	if set == nil {
		return out
	}
	for _, k := range set.Keys {
		out.Keys = append(out.Keys, k.Public())
	}
	return out
}
