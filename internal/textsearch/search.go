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
	groups := ix.parseQuery(query)
	if len(groups) == 0 || len(ix.docs) == 0 {
		return nil
	}
	m := newMatcher(ix, groups)
	for g := range groups {
		m.matchGroup(g)
	}
	return m.hits(limit)
}

// SearchAll returns every document matching query, best first. Its length is the total
// number of matches; slice it to show one page. A document matches when it holds at least
// half the words of the query, rounded up, each possibly through a correction or a synonym.
func (ix *Index) SearchAll(query string) []Hit {
	return ix.Search(query, 0)
}

// span is the range of a posting's word positions in Index.positions.
type span struct{ from, to int32 }

// cell is what one group scored in one document.
type cell struct {
	score float64
	// first and last are the positions of the first and last word of the alternative that
	// gave score, to find query words standing side by side.
	first, last span
}

// matcher holds the scratch space of one search.
type matcher struct {
	ix     *Index
	groups []group
	n      int    // number of documents
	cells  []cell // cells[g*n+d] is group g in document d
}

// newMatcher prepares the search of groups in ix.
func newMatcher(ix *Index, groups []group) *matcher {
	n := len(ix.docs)
	return &matcher{ix: ix, groups: groups, n: n, cells: make([]cell, len(groups)*n)}
}

// matchGroup scores every alternative of group g and keeps, per document, the best one.
func (m *matcher) matchGroup(g int) {
	for _, alt := range m.groups[g] {
		if len(alt.terms) == 1 {
			t := alt.terms[0]
			for _, p := range m.ix.postings[t] {
				sp := span{p.from, p.to}
				m.offer(g, p.doc, cell{alt.weight * m.ix.bm25(t, p), sp, sp})
			}
			continue
		}
		m.matchSequence(g, alt)
	}
}

// matchSequence scores a multi-word alternative: the mean of its words, so that half a phrase
// gives half, with a bonus when the words form the phrase. The postings of its words are walked
// together, in document order.
func (m *matcher) matchSequence(g int, alt alternative) {
	k := len(alt.terms)
	lists := make([][]posting, k)
	for i, t := range alt.terms {
		if t >= 0 {
			lists[i] = m.ix.postings[t]
		}
	}
	found := make([]posting, k)
	has := make([]bool, k)
	for {
		d := int32(math.MaxInt32)
		for _, l := range lists {
			if len(l) > 0 && l[0].doc < d {
				d = l[0].doc
			}
		}
		if d == math.MaxInt32 {
			return
		}
		var sum float64
		all := true
		for i, l := range lists {
			has[i] = len(l) > 0 && l[0].doc == d
			if !has[i] {
				all = false
				continue
			}
			found[i], lists[i] = l[0], l[1:]
			sum += m.ix.bm25(alt.terms[i], l[0])
		}
		c := cell{score: alt.weight * sum / float64(k)}
		if all && m.ix.isPhrase(found) {
			c.score *= phraseBonus
		}
		if has[0] {
			c.first = span{found[0].from, found[0].to}
		}
		if has[k-1] {
			c.last = span{found[k-1].from, found[k-1].to}
		}
		m.offer(g, d, c)
	}
}

// offer keeps c for group g in document d if it beats what is there.
func (m *matcher) offer(g int, d int32, c cell) {
	if i := g*m.n + int(d); c.score > m.cells[i].score {
		m.cells[i] = c
	}
}

// ranked is a hit with its tie-breaker.
type ranked struct {
	hit   Hit
	boost float64
}

// better orders hits by score, then Boost, then ID.
func better(a, b ranked) int {
	if c := cmp.Compare(b.hit.Score, a.hit.Score); c != 0 {
		return c
	}
	if c := cmp.Compare(b.boost, a.boost); c != 0 {
		return c
	}
	return strings.Compare(a.hit.ID, b.hit.ID)
}

// hits combines the group scores of each matching document and returns the limit best
// (all when limit ≤ 0).
func (m *matcher) hits(limit int) []Hit {
	scores := make([]float64, m.n)
	count := 0
	for d := range m.n {
		// Rounding lets documents with the same text tie, so that Boost decides.
		scores[d] = math.Round(m.score(d)*1e6) / 1e6
		if scores[d] > 0 {
			count++
		}
	}
	out := make([]ranked, 0, count)
	for d, s := range scores {
		if s > 0 {
			out = append(out, ranked{Hit{m.ix.docs[d].id, s}, m.ix.docs[d].boost})
		}
	}
	if limit > 0 && limit < len(out) {
		out = topK(out, limit)
	}
	slices.SortFunc(out, better)
	hits := make([]Hit, len(out))
	for i, r := range out {
		hits[i] = r.hit
	}
	return hits
}

// score returns the relevance of document d: the sum of its group scores plus the adjacency
// bonuses, scaled by the square of the share of groups it matches, so that a document holding
// every word of the query comes before one holding a single word many times. Zero means no
// match: a document must hold at least half the words of the query (rounded up), so that
// "aide handicap enfant" does not list every procedure that mentions "aide".
func (m *matcher) score(d int) float64 {
	var sum float64
	matched := 0
	for g := range m.groups {
		c := m.cells[g*m.n+d]
		if c.score == 0 {
			continue
		}
		matched++
		sum += c.score
		if g == 0 {
			continue
		}
		if prev := m.cells[(g-1)*m.n+d]; prev.score > 0 && m.ix.follows(prev.last, c.first) {
			sum += adjacencyBonus * (prev.score + c.score)
		}
	}
	if matched == 0 || matched < (len(m.groups)+1)/2 {
		return 0
	}
	share := float64(matched) / float64(len(m.groups))
	sum *= share * share
	if matched == len(m.groups) && matched > 1 {
		sum *= allWordsBonus
	}
	return sum
}

// isPhrase reports whether the postings, all of one document, hold their words one after
// the other.
func (ix *Index) isPhrase(found []posting) bool {
	for _, start := range ix.positions[found[0].from:found[0].to] {
		ok := true
		for i, p := range found[1:] {
			if _, hit := slices.BinarySearch(ix.positions[p.from:p.to], start+int32(i)+1); !hit {
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

// follows reports whether some position of b comes right after a position of a.
func (ix *Index) follows(a, b span) bool {
	pa, pb := ix.positions[a.from:a.to], ix.positions[b.from:b.to]
	i, j := 0, 0
	for i < len(pa) && j < len(pb) {
		switch next := pa[i] + 1; {
		case pb[j] == next:
			return true
		case pb[j] < next:
			j++
		default:
			i++
		}
	}
	return false
}

// topK returns the k best of rs, in no particular order, using a heap of size k whose root is
// the worst kept hit.
func topK(rs []ranked, k int) []ranked {
	h := slices.Clone(rs[:k])
	worse := func(i, j int) bool { return better(h[i], h[j]) > 0 }
	down := func(i int) {
		for {
			w := i
			for _, c := range []int{2*i + 1, 2*i + 2} {
				if c < k && worse(c, w) {
					w = c
				}
			}
			if w == i {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, r := range rs[k:] {
		if better(r, h[0]) < 0 {
			h[0] = r
			down(0)
		}
	}
	return h
}
