package readability

import (
	"strings"
	"unicode"
)

// maxNumberSyllables caps the syllables of a number, read in words ("2024" is "deux mille
// vingt-quatre") but counted one per digit.
const maxNumberSyllables = 6

// syllables estimates the spoken syllables of a word as written. Numbers count one syllable
// per digit, up to maxNumberSyllables. Every word has at least one syllable.
func syllables(word string) int {
	digits := 0
	for _, r := range word {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits > 0 && !strings.ContainsFunc(word, unicode.IsLetter) {
		return min(digits, maxNumberSyllables)
	}
	n := 0
	// Apostrophes and hyphens join parts that are counted apart: "aujourd'hui", "peut-être".
	for _, part := range strings.FieldsFunc(strings.ToLower(word), func(r rune) bool { return !unicode.IsLetter(r) }) {
		n += partSyllables([]rune(part))
	}
	return max(n, 1)
}

// partSyllables counts the vowel groups of a lower-case word, then removes the final group
// when it is a silent e: "carte", "cartes", "ils parlent".
func partSyllables(p []rune) int {
	groups, last := 0, -1
	inVowel := false
	for i, r := range p {
		if !isVowelAt(p, i) {
			inVowel = false
			continue
		}
		// é ends its syllable ("ré-action"), and a diaeresis starts one ("na-ïf").
		if !inVowel || p[i-1] == 'é' || r == 'ï' || r == 'ë' || r == 'ü' {
			groups++
			last = i
		}
		inVowel = true
	}
	if groups > 1 && last >= 0 && p[last] == 'e' && silentEnding(p, last) {
		groups--
	}
	return groups
}

// isVowelAt reports whether p[i] is sounded as a vowel. The u of "qu" and of "gu" before e or
// i only changes the consonant ("quand", "langue", "guide").
func isVowelAt(p []rune, i int) bool {
	r := p[i]
	if r == 'u' && i > 0 {
		if p[i-1] == 'q' {
			return false
		}
		if p[i-1] == 'g' && i+1 < len(p) && strings.ContainsRune("eéèêiîy", p[i+1]) {
			return false
		}
	}
	return strings.ContainsRune("aàâäeéèêëiîïoôöuùûüyÿœæ", r)
}

// silentEnding reports whether the lone e at p[e] ends the word silently: -e, -es, or the -ent
// of a verb ("ils doivent") but not of a noun or adjective ("un parent", "souvent").
func silentEnding(p []rune, e int) bool {
	switch rest := string(p[e:]); rest {
	case "e", "es":
		return true
	case "ent":
		return !pronouncedEnt(string(p))
	}
	return false
}

// pronouncedEnt reports whether a word ending in -ent sounds it: words in -ment, and the common
// nouns, adjectives and adverbs that are not verbs.
func pronouncedEnt(w string) bool {
	if strings.HasSuffix(w, "ment") {
		return true
	}
	switch w {
	case "absent", "accident", "adolescent", "agent", "apparent", "argent", "cent",
		"client", "compétent", "concurrent", "conséquent", "content", "continent", "décent",
		"différent", "équivalent", "évident", "excellent", "fréquent", "impatient", "incident",
		"innocent", "insolent", "intelligent", "parent", "patient", "permanent", "pertinent",
		"pourcent", "précédent", "présent", "président", "prudent", "récent", "référent",
		"régent", "résident", "serpent", "souvent", "talent", "torrent", "transparent",
		"urgent", "violent":
		return true
	}
	return false
}
