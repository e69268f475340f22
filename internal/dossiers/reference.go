package dossiers

import (
	"crypto/rand"
	"strings"
)

// referenceAlphabet has no look-alike characters: no 0/O, no 1/I/L, no
// U/V pair either, so that a reference read aloud on the phone is understood.
const referenceAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ"

// newReference returns 8 random characters of referenceAlphabet. rand.Text
// is not used because its alphabet keeps look-alikes.
func newReference() string {
	var b [8]byte
	out := make([]byte, 8)
	// Rejection sampling keeps every character equally likely.
	limit := byte(256 - 256%len(referenceAlphabet))
	for i := 0; i < len(out); {
		rand.Read(b[:])
		for _, c := range b {
			if c < limit && i < len(out) {
				out[i] = referenceAlphabet[int(c)%len(referenceAlphabet)]
				i++
			}
		}
	}
	return string(out)
}

// FormatReference shows a reference as XXXX-XXXX.
func FormatReference(ref string) string {
	if len(ref) != 8 {
		return ref
	}
	return ref[:4] + "-" + ref[4:]
}

// ParseReference reads a reference as a person types it: with or without
// the dash, spaces, lower case.
func ParseReference(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	return s
}
