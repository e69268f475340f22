package textsearch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in lower case with accents folded (é→e, œ→oe, æ→ae, ç→c), every
// character that is neither a letter nor a digit (apostrophes, hyphens, punctuation) turned
// into a separator, and words joined by single spaces: "L’Aide-Sociale !" gives
// "l aide sociale".
func Normalize(s string) string {
	return strings.Join(splitWords(s), " ")
}

// splitWords returns the normalized words of s, in order.
func splitWords(s string) []string {
	var words []string
	forEachWord(s, func(w []byte) { words = append(words, string(w)) })
	return words
}

// forEachWord calls fn with each normalized word of s, in order. The slice is reused between
// calls, so that the index can look words up without copying them.
func forEachWord(s string, fn func(word []byte)) {
	word := make([]byte, 0, 32)
	flush := func() {
		if len(word) > 0 {
			fn(word)
			word = word[:0]
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
				word = append(word, byte(r))
				continue
			}
			flush()
		case unicode.Is(unicode.Mn, r):
			// A combining accent from decomposed input belongs to the letter before it.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = appendFolded(word, r)
		default:
			flush()
		}
	}
	flush()
}

// appendFolded appends the lower-case, accent-free form of the letter or digit r.
func appendFolded(b []byte, r rune) []byte {
	switch r {
	case 'œ', 'Œ':
		return append(b, "oe"...)
	case 'æ', 'Æ':
		return append(b, "ae"...)
	case 'ß':
		return append(b, "ss"...)
	}
	r = unicode.ToLower(r)
	if f := foldFrench(r); f != 0 {
		return append(b, f)
	}
	// Other scripts and rarer accents: decompose and keep the base letters.
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b = utf8.AppendRune(b, d)
		}
	}
	return b
}

// foldFrench maps the accented lower-case letters of French (and a few neighbours) to their
// base letter, or returns 0. It spares the common case a Unicode decomposition.
func foldFrench(r rune) byte {
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å':
		return 'a'
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'î', 'ï', 'í', 'ì':
		return 'i'
	case 'ô', 'ö', 'ó', 'ò', 'õ':
		return 'o'
	case 'ù', 'û', 'ü', 'ú':
		return 'u'
	case 'ÿ', 'ý':
		return 'y'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return 0
}
