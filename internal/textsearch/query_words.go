package textsearch

import "strings"

// Weights of the words the query analysis guesses, compared with 1 for a word typed as is.
const (
	splitWeight     = 0.9 // a piece of a run-together word ("carte" in "cartegrise")
	joinWeight      = 0.9 // two pieces joined back ("allo cation")
	typoWeight1     = 0.7 // a word one typo away
	typoWeight2     = 0.5 // a word two typos away
	expansionWeight = 0.8 // a synonym, relative to the words it stands for
	// maxQueryWords bounds the work spent on a pasted paragraph.
	maxQueryWords = 12
	// maxTypoCandidates bounds the corrections kept for one word.
	maxTypoCandidates = 5
)

// queryWord is one word of the query after repair, with how sure we are of it.
type queryWord struct {
	text   string
	weight float64
}

// queryWords normalizes the query and repairs glued elisions, broken words and run-together
// words, in that order. Stop words are dropped at the end, once they have helped the repairs.
func (ix *Index) queryWords(q string) []queryWord {
	var words []queryWord
	for _, w := range splitWords(q) {
		// Stop words are kept for now, so a pasted paragraph is cut generously.
		if len(words) == 4*maxQueryWords {
			break
		}
		words = append(words, queryWord{ix.unglueElision(w), 1})
	}
	words = ix.joinBrokenWords(words)
	var out []queryWord
	for _, w := range words {
		for _, piece := range ix.splitRunTogether(w) {
			if len(out) == maxQueryWords {
				return out
			}
			if !isStopWord(piece.text) {
				out = append(out, piece)
			}
		}
	}
	return out
}

// unglueElision turns "didentite" into "identite" and "jai" into "ai": an elided article or
// pronoun typed without its apostrophe, in front of a vowel or h, when the rest is a word the
// index knows and the whole is not.
func (ix *Index) unglueElision(w string) string {
	if ix.isKnown(w) {
		return w
	}
	if rest, ok := elisionRest(w); ok && ix.isKnown(rest) {
		return rest
	}
	return w
}

// elisionRest returns w without a leading elided letter (l d j m n s t c qu) when what
// follows starts with a vowel or h, as French elision requires.
func elisionRest(w string) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(w, "qu"):
		rest = w[2:]
	case len(w) > 0 && strings.IndexByte("ldjmnstc", w[0]) >= 0:
		rest = w[1:]
	default:
		return "", false
	}
	if len(rest) < 2 || strings.IndexByte("aeiouyh", rest[0]) < 0 {
		return "", false
	}
	return rest, true
}

// joinBrokenWords joins two neighbouring words when one of them is unknown and together they
// make a known word ("allo cation" → "allocation").
func (ix *Index) joinBrokenWords(words []queryWord) []queryWord {
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		if i+1 < len(words) {
			a, b := words[i].text, words[i+1].text
			if !isStopWord(a) && !isStopWord(b) && (!ix.isKnown(a) || !ix.isKnown(b)) &&
				len(a)+len(b) >= 5 && ix.known[Stem(a+b)] {
				out = append(out, queryWord{a + b, joinWeight})
				i++
				continue
			}
		}
		out = append(out, words[i])
	}
	return out
}
