package textsearch

import "strings"

// suffixRule replaces suffix by replacement when at least minStem bytes stay before it.
type suffixRule struct {
	suffix, replacement string
	minStem             int
}

// feminineRules turn feminine forms whose masculine is not just "minus e" into that masculine.
// It is a function rather than a package variable so that nothing can change the table.
func feminineRules() [6]suffixRule {
	return [...]suffixRule{
		{"euse", "eur", 3},   // demandeuse → demandeur
		{"trice", "teur", 2}, // directrice → directeur
		{"ive", "if", 3},     // active → actif
		{"elle", "el", 3},    // personnelle → personnel
		{"enne", "en", 3},    // européenne → européen
		{"ette", "et", 3},    // cadette → cadet
	}
}

// endingRules strip common verb and derivation endings, longest first, so that "déclarer",
// "déclarez", "déclaré" and "déclaration" meet on one stem.
func endingRules() [6]suffixRule {
	return [...]suffixRule{
		{"ation", "", 3}, // allocation → alloc
		{"ement", "", 3}, // logement → log
		{"ion", "", 4},   // inscription → inscript
		{"ant", "", 3},   // demandant → demand
		{"er", "", 3},    // demander → demand
		{"ez", "", 3},    // demandez → demand
	}
}

// Stem returns the light French stem of a normalized word (see Normalize): plurals, feminine
// forms, past participles and the common verb and noun endings are removed, so "allocations",
// "allocation" give "alloc", and "grise", "gris", "grises" give "gri". Stems are index keys,
// not words to show. Words of three letters or fewer and words with digits are kept whole,
// because they are mostly acronyms ("caf", "c2s").
func Stem(word string) string {
	if len(word) <= 3 || strings.ContainsAny(word, "0123456789") {
		return word
	}
	w := stripPlural(word)
	w = stripFeminine(w)
	rules := endingRules()
	return applyRules(w, rules[:])
}

// stripPlural removes the plural mark: -s, -x after eu/ou, -aux → -al, -eaux → -eau.
func stripPlural(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "eaux"):
		return w[:n-1]
	case n > 4 && strings.HasSuffix(w, "aux"):
		return w[:n-3] + "al"
	case n > 4 && (strings.HasSuffix(w, "eux") || strings.HasSuffix(w, "oux")):
		return w[:n-1]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's':
		return w[:n-1]
	}
	return w
}

// stripFeminine removes the feminine and participle -e/-ée. When that uncovers a final s
// ("grise" → "gris") the s goes too, because the masculine "gris" already lost it as a plural.
func stripFeminine(w string) string {
	rules := feminineRules()
	if s := applyRules(w, rules[:]); s != w {
		return s
	}
	n := len(w)
	switch {
	case n-2 >= 3 && strings.HasSuffix(w, "ee"):
		w = w[:n-2]
	case n-1 >= 3 && w[n-1] == 'e':
		w = w[:n-1]
	default:
		return w
	}
	if n = len(w); n > 3 && w[n-1] == 's' && w[n-2] != 's' {
		w = w[:n-1]
	}
	return w
}

// applyRules applies the first rule of rules whose suffix matches and leaves a long enough stem.
func applyRules(w string, rules []suffixRule) string {
	for _, r := range rules {
		if strings.HasSuffix(w, r.suffix) && len(w)-len(r.suffix) >= r.minStem {
			return w[:len(w)-len(r.suffix)] + r.replacement
		}
	}
	return w
}
