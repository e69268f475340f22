package textsearch

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Hit is one document found by a search.
type Hit struct {
	ID    string
	Score float64 // Score is the relevance, higher is better; only its order matters.
}

// Ranking bonuses, tuned on the test corpus.
const (
	// phraseBonus multiplies a multi-word alternative found as a phrase ("france travail").
	phraseBonus = 1.3
	// adjacencyBonus adds this share of two neighbouring query words' scores when the document
	// has them side by side, in the same order.
	adjacencyBonus = 0.3
	// allWordsBonus multiplies the score of a document holding every word of the query.
	allWordsBonus = 1.2
)

// Search returns the limit best documents for query, best first. A limit of zero or less
// returns every match, like SearchAll. A query without any searchable word (only stop words or
// punctuation) returns nil.
func (ix *Index) Search(query string, limit int) []Hit {
	hits := ix.SearchAll(query)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit:limit]
	}
	return hits
}

// SearchAll returns every document matching query, best first. Its length is the total
// number of matches; slice it to show one page.
func (ix *Index) SearchAll(query string) []Hit {
	groups := ix.parseQuery(query)
	if len(groups) == 0 || len(ix.docs) == 0 {
		return nil
	}
	m := newMatcher(ix, groups)
	for g := range groups {
		m.matchGroup(g)
	}
	return m.hits()
}

// matcher holds the scratch space of one search.
type matcher struct {
	ix      *Index
	groups  []group
	n       int       // number of documents
	best    []float64 // best[g*n+d]: score of group g in document d
	bestAlt []int32   // the alternative that gave it
	partial []float64 // per-document sum for the alternative being matched
	touched []int32   // documents matching at least one group
	seen    []bool
}

func newMatcher(ix *Index, groups []group) *matcher {
	n := len(ix.docs)
	return &matcher{
		ix: ix, groups: groups, n: n,
		best:    make([]float64, len(groups)*n),
		bestAlt: make([]int32, len(groups)*n),
		partial: make([]float64, n),
		seen:    make([]bool, n),
	}
}

// matchGroup scores every alternative of group g and keeps, per document, the best one. A
// multi-word alternative scores the mean of its words, so that half a phrase gives half.
func (m *matcher) matchGroup(g int) {
	var docs []int32
	for a, alt := range m.groups[g] {
		docs = docs[:0]
		share := 1 / float64(len(alt.terms))
		for _, t := range alt.terms {
			if t < 0 {
				continue
			}
			for _, p := range m.ix.postings[t] {
				if m.partial[p.doc] == 0 {
					docs = append(docs, p.doc)
				}
				m.partial[p.doc] += share * m.ix.bm25(t, p)
			}
		}
		for _, d := range docs {
			s := alt.weight * m.partial[d]
			m.partial[d] = 0
			if len(alt.terms) > 1 && m.ix.hasPhrase(d, alt.terms) {
				s *= phraseBonus
			}
			if k := g*m.n + int(d); s > m.best[k] {
				m.best[k], m.bestAlt[k] = s, int32(a)
				if !m.seen[d] {
					m.seen[d] = true
					m.touched = append(m.touched, d)
				}
			}
		}
	}
}

// hits combines the group scores of each matching document and ranks them.
func (m *matcher) hits() []Hit {
	type ranked struct {
		hit   Hit
		boost float64
	}
	out := make([]ranked, 0, len(m.touched))
	for _, d := range m.touched {
		s := m.score(d)
		// Rounding lets documents with the same text tie, so that Boost decides.
		s = math.Round(s*1e6) / 1e6
		out = append(out, ranked{Hit{m.ix.docs[d].id, s}, m.ix.docs[d].boost})
	}
	slices.SortFunc(out, func(a, b ranked) int {
		if c := cmp.Compare(b.hit.Score, a.hit.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.boost, a.boost); c != 0 {
			return c
		}
		return strings.Compare(a.hit.ID, b.hit.ID)
	})
	hits := make([]Hit, len(out))
	for i, r := range out {
		hits[i] = r.hit
	}
	return hits
}

// score returns the relevance of document d: the sum of its group scores plus the adjacency
// bonuses, scaled by the square of the share of groups it matches, so that a document holding
// every word of the query comes before one holding a single word many times.
func (m *matcher) score(d int32) float64 {
	var sum float64
	matched := 0
	for g := range m.groups {
		s := m.best[g*m.n+int(d)]
		if s == 0 {
			continue
		}
		matched++
		sum += s
		if g == 0 {
			continue
		}
		if prev := m.best[(g-1)*m.n+int(d)]; prev > 0 && m.adjacent(g-1, d) {
			sum += adjacencyBonus * (prev + s)
		}
	}
	share := float64(matched) / float64(len(m.groups))
	sum *= share * share
	if matched == len(m.groups) && matched > 1 {
		sum *= allWordsBonus
	}
	return sum
}

// adjacent reports whether the best alternatives of groups g and g+1 stand side by side in
// document d, in the query's order.
func (m *matcher) adjacent(g int, d int32) bool {
	a := m.groups[g][m.bestAlt[g*m.n+int(d)]].terms
	b := m.groups[g+1][m.bestAlt[(g+1)*m.n+int(d)]].terms
	last, first := a[len(a)-1], b[0]
	if last < 0 || first < 0 {
		return false
	}
	return follows(m.ix.positionsOf(last, d), m.ix.positionsOf(first, d))
}

// hasPhrase reports whether the terms appear one after the other in document d.
func (ix *Index) hasPhrase(d int32, terms []int32) bool {
	for _, t := range terms {
		if t < 0 {
			return false
		}
	}
	starts := ix.positionsOf(terms[0], d)
	for _, p := range starts {
		ok := true
		for i, t := range terms[1:] {
			if _, found := slices.BinarySearch(ix.positionsOf(t, d), p+int32(i)+1); !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// follows reports whether some position in b is one more than a position in a; both are
// sorted.
func follows(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch next := a[i] + 1; {
		case b[j] == next:
			return true
		case b[j] < next:
			j++
		default:
			i++
		}
	}
	return false
}
