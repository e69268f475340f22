package appointments

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzICSText checks that any text, escaped then folded, makes lines of
// at most 75 octets, never cut inside a character, that unfold and
// unescape back to the text.
func FuzzICSText(f *testing.F) {
	for _, s := range []string{"", "a", "Rendez-vous ; 12, rue \\ é\nà 9 h", strings.Repeat("é", 100), strings.Repeat("a😀", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		s = strings.ReplaceAll(s, "\r", "")
		out := fold("DESCRIPTION:" + escapeText(s))
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("no CRLF at the end: %q", out)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("line %q (%d octets)", l, len(l))
			}
		}
		value := strings.TrimPrefix(strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""), "DESCRIPTION:")
		back := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(value)
		if back != s {
			t.Fatalf("round trip: %q, want %q", back, s)
		}
	})
}
