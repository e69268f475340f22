package readability

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isAcronym reports whether w is written as an acronym: two capital letters or more, no small
// letter, possibly digits and hyphens ("CAF", "C2S", "CMU-C"). Roman numerals ("XIV") and
// words of more than eight letters (a word in capitals for emphasis) are not acronyms.
func isAcronym(w string) bool {
	letters := 0
	roman := true
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
			roman = roman && strings.ContainsRune("IVX", r)
		case unicode.IsDigit(r), r == '-':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 8 && !roman
}

// unexplainedAcronyms returns a warning for each acronym whose first appearance is not
// explained in brackets, right after it ("CAF (caisse d'allocations familiales)") or around
// it after its meaning ("caisse d'allocations familiales (CAF)"). Acronyms in a sentence
// written all in capitals, a shouted title, are left alone.
func unexplainedAcronyms(text string, sentences []sentence) []located {
	var out []located
	seen := map[string]bool{}
	for _, s := range sentences {
		if allCapitals(s) {
			continue
		}
		for _, w := range s.words {
			a := withoutElision(w.text)
			if !isAcronym(a) || seen[a] {
				continue
			}
			seen[a] = true
			if explainedAfter(text[w.end:]) || explainedBefore(text[:w.end-len(a)], text[w.end:]) {
				continue
			}
			out = append(out, located{w.end - len(a), Warning{
				Kind:    KindAcronym,
				Text:    a,
				Message: fmt.Sprintf("Expliquez le sigle %s la première fois.", a),
			}})
		}
	}
	return out
}

// explainedAfter reports whether after (the text following an acronym) opens with words in
// brackets.
func explainedAfter(after string) bool {
	after = strings.TrimLeftFunc(after, unicode.IsSpace)
	if !strings.HasPrefix(after, "(") {
		return false
	}
	inside, _, closed := strings.Cut(after[1:], ")")
	return closed && strings.ContainsFunc(inside, unicode.IsLower)
}

// explainedBefore reports whether the acronym stands alone in brackets after words:
// "… familiales (CAF)".
func explainedBefore(before, after string) bool {
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	after = strings.TrimLeftFunc(after, unicode.IsSpace)
	if !strings.HasSuffix(before, "(") || !strings.HasPrefix(after, ")") {
		return false
	}
	before = strings.TrimRightFunc(before[:len(before)-1], unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r)
}

// allCapitals reports whether a sentence of three words or more has no small letter.
func allCapitals(s sentence) bool {
	if len(s.words) < 3 {
		return false
	}
	for _, w := range s.words {
		if strings.ContainsFunc(w.text, unicode.IsLower) {
			return false
		}
	}
	return true
}
