package textsearch

import (
	_ "embed"
	"strings"
)

//go:embed default_synonyms.txt
var defaultSynonymsText string

// DefaultSynonyms returns the synonyms shipped with Guichet: acronyms of French public bodies
// and benefits, old names (Pôle emploi → France Travail, CMU → C2S) and everyday words. A
// catalogue may Merge its own list with it. The list is parsed at each call, so callers
// should keep the result. It panics only if the embedded list is broken, which a test rules
// out.
func DefaultSynonyms() Synonyms {
	syn, err := ParseSynonyms(strings.NewReader(defaultSynonymsText))
	if err != nil {
		panic("textsearch: " + err.Error())
	}
	return syn
}
