package sms

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// transliterations replaces the characters French text uses that GSM lacks
// with their nearest GSM spelling. Characters GSM has (é, è, à, ù, É, Ç…) are
// never in this table: Transliterate only touches what would otherwise make a
// message UCS-2.
var transliterations = map[rune]string{
	'ç': "c", 'œ': "oe", 'Œ': "OE",
	'«': `"`, '»': `"`, '“': `"`, '”': `"`, '„': `"`, '‟': `"`,
	'‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '`': "'", '´': "'",
	'‹': `"`, '›': `"`,
	'–': "-", '—': "-", '‐': "-", '‑': "-", '−': "-",
	'…': "...", '•': "-", '·': ".",
	'\u00A0': " ", '\u202F': " ", '\u2009': " ", '\u2007': " ", '\u2002': " ", '\u2003': " ",
	'\t': " ", '\u200B': "", '\u2060': "", '\uFEFF': "",
	'°': "o", 'ª': "a", 'º': "o",
	'ﬁ': "fi", 'ﬂ': "fl",
	'\u2028': "\n", '\u2029': "\n",
}

// Transliterate rewrites the characters of text that are outside the GSM
// alphabet into GSM ones when there is a faithful plain spelling: ê→e, â→a,
// ç→c, œ→oe, « »→", ’→', non-breaking spaces→space, and any letter whose
// accent GSM lacks loses the accent (ô→o, Â→A). Characters GSM already has
// are kept, accents included (é stays é). A character with no GSM spelling
// (an emoji, a Chinese character) is kept as is, so the message stays UCS-2
// and nothing is silently lost.
func Transliterate(text string) string {
	if IsGSM(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case gsmWidth(r) > 0:
			b.WriteRune(r)
		case transliterations[r] != "" || hasEmptyTransliteration(r):
			b.WriteString(transliterations[r])
		default:
			b.WriteString(stripAccent(r))
		}
	}
	return b.String()
}

// hasEmptyTransliteration reports whether r is in the table as a character to
// drop (zero-width spaces).
func hasEmptyTransliteration(r rune) bool {
	s, ok := transliterations[r]
	return ok && s == ""
}

// stripAccent decomposes r (NFD) and keeps its base letter when that letter
// is in GSM and everything else was accents: ô→o, Ê→E, ï→i. Anything else is
// returned unchanged.
func stripAccent(r rune) string {
	d := norm.NFD.String(string(r))
	var base []rune
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		base = append(base, c)
	}
	if len(base) != 1 || gsmWidth(base[0]) == 0 || base[0] == r {
		return string(r)
	}
	return string(base)
}
