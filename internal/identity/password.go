package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"guichet/internal/errs"
)

// Argon2id parameters recommended by OWASP (Password Storage Cheat Sheet):
// 19 MiB of memory, 2 passes, 1 lane.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds of the password policy. The long maximum lets passphrases and
// password managers through while refusing megabytes of input.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

// HashPassword returns the argon2id hash of p in the PHC string format,
// like "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>". The password is put
// in Unicode normal form C first, so that "é" typed on any keyboard matches.
// It is slow on purpose (tens of milliseconds).
func HashPassword(p string) (string, error) {
	salt := make([]byte, argonSaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(norm.NFC.String(p)), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword tells whether p matches hash, a PHC string made by
// HashPassword (possibly with other parameters). It compares in constant
// time and returns an error only when hash is malformed.
func VerifyPassword(hash, p string) (bool, error) {
	params, salt, want, err := parseArgon2id(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(norm.NFC.String(p)), salt, params.time, params.memory, params.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// CheckPasswordHash returns an errs.Invalid error unless hash is an
// argon2id PHC string with the parameters HashPassword uses (memory, passes,
// lanes, salt and key lengths): a hash made elsewhere with weaker
// parameters would keep an imported account easier to crack than the
// others, and a malformed one would lock its account out.
func CheckPasswordHash(hash string) error {
	p, salt, key, err := parseArgon2id(hash)
	if err != nil || p != (argonParams{memory: argonMemory, time: argonTime, threads: argonThreads}) ||
		len(salt) != argonSaltLen || len(key) != argonKeyLen {
		return errs.InvalidField("password", fmt.Sprintf(
			"Cette empreinte de mot de passe n'est pas acceptée : il faut une empreinte argon2id de la forme "+
				"$argon2id$v=%d$m=%d,t=%d,p=%d$<sel de %d octets>$<clé de %d octets>.",
			argon2.Version, argonMemory, argonTime, argonThreads, argonSaltLen, argonKeyLen))
	}
	return nil
}

type argonParams struct {
	memory, time uint32
	threads      uint8
}

var errBadHash = errors.New("identity: malformed argon2id hash")

func parseArgon2id(hash string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(hash, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: version %q", errBadHash, parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, fmt.Errorf("%w: parameters %q", errBadHash, parts[3])
	}
	// A damaged or hostile row must not make one sign-in eat the server.
	if p.memory < 8 || p.memory > 1<<18 || p.time < 1 || p.time > 16 || p.threads < 1 {
		return p, nil, nil, fmt.Errorf("%w: parameters out of range %q", errBadHash, parts[3])
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("%w: salt", errBadHash)
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, fmt.Errorf("%w: key", errBadHash)
	}
	return p, salt, key, nil
}

// checkPasswordPolicy returns an errs.Invalid error saying what to change
// when p is too short or too long.
func checkPasswordPolicy(p string) error {
	n := utf8.RuneCountInString(norm.NFC.String(p))
	switch {
	case n < MinPasswordLength:
		return errs.InvalidField("password", fmt.Sprintf(
			"Choisissez un mot de passe d'au moins %d caractères. Une phrase facile à retenir convient très bien.", MinPasswordLength))
	case n > MaxPasswordLength:
		return errs.InvalidField("password", fmt.Sprintf("Choisissez un mot de passe de %d caractères au plus.", MaxPasswordLength))
	}
	return nil
}
