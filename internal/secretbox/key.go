package secretbox

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// LoadOrCreateKey returns the instance key: decoded from base64Key when it
// is set (GUICHET_SECRET_KEY), or else read from the file at path, which is
// created with mode 0600 and KeySize random bytes when it does not exist.
// The file holds the key in base64, so that an operator can copy it into
// the configuration of other nodes.
//
// Losing the key makes every sealed value unreadable: back the file up.
func LoadOrCreateKey(base64Key, path string) ([]byte, error) {
	if base64Key != "" {
		key, err := decodeKey(base64Key)
		if err != nil {
			return nil, fmt.Errorf("secret key from configuration: %w", err)
		}
		return key, nil
	}
	if path == "" {
		return nil, errors.New("secret key: neither a key nor a key file was given")
	}
	key, err := readKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key, err = createKeyFile(path)
		if errors.Is(err, fs.ErrExist) {
			// Another process created it between our read and our create.
			key, err = readKeyFile(path)
		}
	}
	return key, err
}

// decodeKey accepts standard or URL-safe base64, padded or not, since
// operators generate keys with various tools.
func decodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	var key []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if key, err = enc.DecodeString(s); err == nil {
			break
		}
	}
	if err != nil {
		return nil, errors.New("not valid base64 (generate one with: openssl rand -base64 32)")
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("must decode to %d bytes, got %d (generate one with: openssl rand -base64 32)", KeySize, len(key))
	}
	return key, nil
}

func readKeyFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("secret key file %s can be read by other users (mode %04o): run chmod 600 %s",
			path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := decodeKey(string(data))
	if err != nil {
		return nil, fmt.Errorf("secret key file %s: %w", path, err)
	}
	return key, nil
}

// createKeyFile writes a new random key; it fails with fs.ErrExist rather
// than replace a key that values may already be sealed under.
func createKeyFile(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create secret key folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	key := make([]byte, KeySize)
	rand.Read(key)
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write secret key file %s: %w", path, err)
	}
	return key, nil
}
