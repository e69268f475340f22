package places

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldRune appends the lower-case, accent-free form of r to b: "É" gives
// "e", "œ" gives "oe". Combining marks give nothing.
func foldRune(b *strings.Builder, r rune) {
	switch r {
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'ß':
		b.WriteString("ss")
		return
	}
	if unicode.Is(unicode.Mn, r) {
		return
	}
	b.WriteRune(unicode.ToLower(r))
}

// foldAccents returns s in lower case without accents.
func foldAccents(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		foldRune(&b, r)
	}
	return b.String()
}

// vocabKey folds a value of an enumeration so that case, accents, spaces and
// punctuation do not matter: "Étapes numériques (La Poste)" and
// "etapes numeriques(la poste)" both give "etapesnumeriqueslaposte".
func vocabKey(s string) string {
	var b strings.Builder
	for _, r := range foldAccents(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldTown returns the form of a town name used to search it: lower case,
// no accents, words separated by one space, "st" and "ste" written out, so
// that "ST-ÉTIENNE", "Saint Etienne" and "saint-étienne" are the same town.
func FoldTown(s string) string {
	words := strings.FieldsFunc(foldAccents(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		switch w {
		case "st":
			words[i] = "saint"
		case "ste":
			words[i] = "sainte"
		}
	}
	return strings.Join(words, " ")
}

// headerKey folds a column or key name: "Code Postal", "code_postal" and
// "code-postal " all give "code_postal".
func headerKey(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "\ufeff")
	words := strings.FieldsFunc(foldAccents(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	return strings.Join(words, "_")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
