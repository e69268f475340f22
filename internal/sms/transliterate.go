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

// stripAccent decomposes r (NFKD: accents apart, compatibility forms such
// as ² or ™ spelled plainly) and keeps what is left without the accents when
// all of it is in GSM: ô→o, Ê→E, ï→i, ²→2, ™→TM. Anything else is returned
// unchanged.
func stripAccent(r rune) string {
	var b strings.Builder
	for _, c := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if gsmWidth(c) == 0 {
			return string(r)
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return string(r)
	}
	return b.String()
}
