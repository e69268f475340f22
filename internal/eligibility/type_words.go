package eligibility

import "strings"

// typeNoun names a CEL type with an article, for "Celle-ci donne …".
func typeNoun(celType string) string {
	word := typeWord(celType)
	if strings.HasPrefix(word, "une ") || strings.HasPrefix(word, "un ") {
		return word
	}
	return "un " + word
}

// typeWord names a CEL type in plain French.
func typeWord(celType string) string {
	base, _, _ := strings.Cut(strings.TrimSpace(celType), "(")
	switch base {
	case "int", "uint":
		return "nombre entier"
	case "double":
		return "nombre"
	case "bool":
		return "vrai ou faux"
	case "string":
		return "texte"
	case "list":
		return "une liste"
	case "map":
		return "un tableau de correspondance"
	case "null", "null_type":
		return "une valeur vide"
	case "dyn", "any":
		return "une valeur qui dépend des réponses"
	}
	return "une valeur de type " + base
}

// argsNoun names the argument types of a failed call, "texte et nombre
// entier". Parameterised types such as list(int) are cut at the first
// comma only outside parentheses.
func argsNoun(args string) string {
	var words []string
	depth, start := 0, 0
	for i, r := range args {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				words = append(words, typeWord(args[start:i]))
				start = i + 1
			}
		}
	}
	if strings.TrimSpace(args[start:]) != "" {
		words = append(words, typeWord(args[start:]))
	}
	switch len(words) {
	case 0:
		return "rien"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}

// operatorName writes a CEL function or operator as a rule author types
// it: "_+_" becomes "+", "@in" becomes "in".
func operatorName(fn string) string {
	switch fn {
	case "@in":
		return "in"
	case "_?_:_":
		return "? :"
	case "_[_]":
		return "[ ]"
	case "!_":
		return "!"
	case "-_":
		return "-"
	}
	return strings.Trim(fn, "_")
}

// closest returns the candidate nearest to name when it is close enough
// to be a typo (two edits at most), or "".
func closest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
