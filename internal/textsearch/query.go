package textsearch

import (
	"cmp"
	"slices"
)

// candidate is a stem that a query word may stand for.
type candidate struct {
	stem   string
	weight float64
}

// alternative is one way of matching a group: a sequence of index terms (-1 for a term no
// document holds), all expected, ideally side by side.
type alternative struct {
	terms  []int32
	weight float64
}

// group is one concept of the query, typed as one or a few words; a document matches it
// through its best alternative.
type group []alternative

// parseQuery turns a query into groups ready for matching, or nil when nothing in it can
// match (only stop words, punctuation or unknown words).
func (ix *Index) parseQuery(q string) []group {
	var slots [][]candidate
	for _, w := range ix.queryWords(q) {
		if c := ix.candidates(w); len(c) > 0 {
			slots = append(slots, c)
		}
	}
	var groups []group
	for i := 0; i < len(slots); {
		g, used := ix.expand(slots[i:])
		if len(g) > 0 {
			groups = append(groups, g)
		}
		i += used
	}
	return groups
}

// candidates returns the stems a query word may stand for, best first: its own stem when the
// index knows it, else the nearest words within the allowed number of typos.
func (ix *Index) candidates(w queryWord) []candidate {
	if ix.isKnown(w.text) {
		return []candidate{{Stem(w.text), w.weight}}
	}
	matches := ix.fuzzy.lookup(w.text)
	if rest, ok := elisionRest(w.text); ok {
		// "dindentite": the elision is glued and the rest has a typo.
		matches = append(matches, ix.fuzzy.lookup(rest)...)
	}
	var out []candidate
	for _, m := range matches {
		weight := w.weight * typoWeight1
		if m.distance > 1 {
			weight = w.weight * typoWeight2
		}
		if i := slices.IndexFunc(out, func(c candidate) bool { return c.stem == m.stem }); i >= 0 {
			out[i].weight = max(out[i].weight, weight)
			continue
		}
		out = append(out, candidate{m.stem, weight})
	}
	// Among equally near words, the more common one is the likelier intent.
	slices.SortStableFunc(out, func(a, b candidate) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return cmp.Compare(ix.docFreq(b.stem), ix.docFreq(a.stem))
	})
	return out[:min(len(out), maxTypoCandidates)]
}

// expand builds the group that starts with slots[0] and returns how many slots it uses. The
// longest run of words that is a synonym key becomes one group; otherwise the group is the
// first word's candidates, each with its own synonyms.
func (ix *Index) expand(slots [][]candidate) (group, int) {
	for n := min(ix.syn.maxKey, len(slots)); n >= 2; n-- {
		key := make([]string, n)
		weight := 1.0
		for i, s := range slots[:n] {
			key[i] = s[0].stem
			weight = min(weight, s[0].weight)
		}
		if exps := ix.syn.expansions(key); len(exps) > 0 {
			var g group
			g = ix.addAlternative(g, key, weight)
			for _, e := range exps {
				g = ix.addAlternative(g, e, weight*expansionWeight)
			}
			return g, n
		}
	}
	var g group
	for _, c := range slots[0] {
		g = ix.addAlternative(g, []string{c.stem}, c.weight)
		for _, e := range ix.syn.expansions([]string{c.stem}) {
			g = ix.addAlternative(g, e, c.weight*expansionWeight)
		}
	}
	return g, 1
}

// addAlternative adds the stems as an alternative of g, unless no document holds any of them
// or g already has them with a higher weight.
func (ix *Index) addAlternative(g group, stems []string, weight float64) group {
	terms := make([]int32, len(stems))
	found := false
	for i, s := range stems {
		id, ok := ix.termIDs[s]
		if !ok {
			id = -1
		}
		terms[i], found = id, found || ok
	}
	if !found {
		return g
	}
	for i, a := range g {
		if slices.Equal(a.terms, terms) {
			g[i].weight = max(a.weight, weight)
			return g
		}
	}
	return append(g, alternative{terms, weight})
}
