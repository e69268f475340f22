package textsearch

import (
	"math"
	"slices"
)

// Field is one weighted part of a document, such as its title or its body.
type Field struct {
	Text   string
	Weight float64 // Weight multiplies the field's word counts; zero or less counts as 1.
}

// Document is one searchable item. The catalogue gives title weight 3, synonyms 3, summary
// 1.5 and body 1. The first field is also the title that Suggest offers.
type Document struct {
	ID     string // ID is returned in hits; it should be unique.
	Fields []Field
	Boost  float64 // Boost breaks ties between equal scores, higher first (e.g. log of yearly volume).
}

// Index is an immutable in-memory search index. It is safe for concurrent use.
type Index struct {
	docs      []docInfo
	termIDs   map[string]int32
	idf       []float64
	postings  [][]posting
	positions []int32 // word positions of every posting, see posting.from
	known     map[string]bool
	fuzzy     fuzzyIndex
	syn       Synonyms
	titles    []title
}

// docInfo holds what scoring needs about a document.
type docInfo struct {
	id    string
	boost float64
	// lengthNorm is the BM25 length factor k1·(1 − b + b·length/average length).
	lengthNorm float64
}

// posting records that a term occurs in a document.
type posting struct {
	doc      int32
	tf       float32 // field-weighted number of occurrences
	from, to int32   // positions[from:to] are the term's word positions in the document
}

// BM25 parameters: the usual values, which suit short texts of uneven length.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// fieldGap separates the positions of two fields so that no phrase spans them.
	fieldGap = 8
)

// NewIndex builds an index over docs, with syn for query expansion.
func NewIndex(docs []Document, syn Synonyms) *Index {
	ix := &Index{
		docs:    make([]docInfo, len(docs)),
		termIDs: map[string]int32{},
		known:   map[string]bool{},
		syn:     syn,
	}
	vocab := map[string]string{}
	lengths := make([]float64, len(docs))
	var total float64
	occ := map[int32][]int32{}
	tf := map[int32]float64{}
	for d, doc := range docs {
		clear(occ)
		clear(tf)
		pos := int32(0)
		for _, f := range doc.Fields {
			w := f.Weight
			if w <= 0 {
				w = 1
			}
			for _, word := range splitWords(f.Text) {
				if isStopWord(word) {
					continue
				}
				stem := Stem(word)
				vocab[word], vocab[stem] = stem, stem
				id := ix.termID(stem)
				occ[id] = append(occ[id], pos)
				tf[id] += w
				lengths[d] += w
				pos++
			}
			pos += fieldGap
		}
		ix.addPostings(int32(d), occ, tf)
		ix.docs[d] = docInfo{id: doc.ID, boost: doc.Boost}
		total += lengths[d]
		if len(doc.Fields) > 0 {
			ix.titles = append(ix.titles, newTitle(doc.Fields[0].Text, doc.Boost))
		}
	}
	ix.finish(lengths, total)
	for w, stem := range syn.words {
		vocab[w], vocab[stem] = stem, stem
		ix.known[stem] = true
	}
	ix.fuzzy = newFuzzyIndex(vocab)
	return ix
}

// termID returns the id of stem, creating it.
func (ix *Index) termID(stem string) int32 {
	id, ok := ix.termIDs[stem]
	if !ok {
		id = int32(len(ix.postings))
		ix.termIDs[stem] = id
		ix.postings = append(ix.postings, nil)
		ix.known[stem] = true
	}
	return id
}

// addPostings appends the postings of document d, in term order so that builds are
// reproducible.
func (ix *Index) addPostings(d int32, occ map[int32][]int32, tf map[int32]float64) {
	ids := make([]int32, 0, len(occ))
	for id := range occ {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		from := int32(len(ix.positions))
		ix.positions = append(ix.positions, occ[id]...)
		ix.postings[id] = append(ix.postings[id], posting{
			doc: d, tf: float32(tf[id]), from: from, to: int32(len(ix.positions)),
		})
	}
}

// finish computes the inverse document frequencies and the length factors.
func (ix *Index) finish(lengths []float64, total float64) {
	n := float64(len(ix.docs))
	avg := 1.0
	if n > 0 && total > 0 {
		avg = total / n
	}
	for d := range ix.docs {
		ix.docs[d].lengthNorm = bm25K1 * (1 - bm25B + bm25B*lengths[d]/avg)
	}
	ix.idf = make([]float64, len(ix.postings))
	for id, p := range ix.postings {
		df := float64(len(p))
		ix.idf[id] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
}

// bm25 is the contribution of one posting of term to its document's score.
func (ix *Index) bm25(term int32, p posting) float64 {
	tf := float64(p.tf)
	return ix.idf[term] * tf * (bm25K1 + 1) / (tf + ix.docs[p.doc].lengthNorm)
}

// positionsOf returns the sorted word positions of term in document d, or nil.
func (ix *Index) positionsOf(term, d int32) []int32 {
	ps := ix.postings[term]
	i, found := slices.BinarySearchFunc(ps, d, func(p posting, d int32) int { return int(p.doc - d) })
	if !found {
		return nil
	}
	return ix.positions[ps[i].from:ps[i].to]
}

// isKnown reports whether the normalized word w needs no correction: a stop word, or a word
// whose stem is in the catalogue or in the synonyms.
func (ix *Index) isKnown(w string) bool {
	return isStopWord(w) || ix.known[Stem(w)]
}

// docFreq returns the number of documents holding stem.
func (ix *Index) docFreq(stem string) int {
	if id, ok := ix.termIDs[stem]; ok {
		return len(ix.postings[id])
	}
	return 0
}
