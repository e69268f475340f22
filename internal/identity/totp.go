package identity

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP settings of RFC 6238 that every authenticator app understands.
const (
	totpPeriod    = 30 // seconds per step
	totpDigits    = 6
	totpSkew      = 1  // steps accepted before and after the current one
	totpSecretLen = 20 // bytes: 160 bits, as RFC 4226 recommends
	totpMinSecret = 16 // bytes: RFC 4226 requires at least 128 bits
)

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// TOTPCode returns the 6-digit code of secret (base32, spaces and
// lower-case allowed, padding optional) at time t, by RFC 6238 with
// HMAC-SHA-1 and 30-second steps.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	return hotp(key, totpStep(t), totpDigits), nil
}

// totpStep is the RFC 6238 counter of t: whole periods since 1970.
func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// hotp computes an RFC 4226 one-time password of digits digits.
func hotp(key []byte, counter int64, digits int) string {
	mac := hmac.New(sha1.New, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(counter))
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

var errBadSecret = errors.New("identity: TOTP secret is not base32")

func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(secret))
	s = strings.TrimRight(s, "=")
	key, err := base32NoPad.DecodeString(s)
	if err != nil || len(key) == 0 {
		return nil, errBadSecret
	}
	return key, nil
}

// newTOTPSecret returns a random key and its base32 text.
func newTOTPSecret() ([]byte, string) {
	key := make([]byte, totpSecretLen)
	rand.Read(key)
	return key, base32NoPad.EncodeToString(key)
}

// groupBy4 writes a base32 secret in groups of four, easier to copy by hand.
func groupBy4(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// keyURI is the otpauth:// key URI of Google Authenticator's format, which all
// authenticator apps read from the QR code.
func keyURI(issuer, account, secret string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(totpDigits))
	q.Set("period", fmt.Sprint(totpPeriod))
	return "otpauth://totp/" + url.PathEscape(issuer) + ":" + url.PathEscape(account) + "?" + q.Encode()
}

// matchTOTP looks for code among the steps around now that come after
// lastStep. It returns the matching step, and replay=true when the code
// matches only a step already used.
func matchTOTP(key []byte, code string, now time.Time, lastStep int64) (step int64, ok, replay bool) {
	code = strings.NewReplacer(" ", "", "-", "").Replace(code)
	if len(code) != totpDigits {
		return 0, false, false
	}
	cur := totpStep(now)
	// Every candidate is computed and compared, so that the time taken
	// does not tell which step matched.
	for st := cur - totpSkew; st <= cur+totpSkew; st++ {
		if subtle.ConstantTimeCompare([]byte(hotp(key, st, totpDigits)), []byte(code)) != 1 {
			continue
		}
		if st > lastStep && !ok {
			step, ok = st, true
		} else if st <= lastStep {
			replay = true
		}
	}
	return step, ok, replay && !ok
}
