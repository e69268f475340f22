package textsearch

import (
	"math"
	"slices"
)

// Field is one weighted part of a document, such as its title or its body.
type Field struct {
	Text   string
	Weight float64 // Weight multiplies the field's word counts; zero, less or not finite counts as 1.
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
	b := builder{ix: ix, vocab: map[string]string{}}
	lengths := make([]float64, len(docs))
	var total float64
	for d, doc := range docs {
		lengths[d] = b.addDocument(int32(d), doc)
		ix.docs[d] = docInfo{id: doc.ID, boost: doc.Boost}
		total += lengths[d]
		if len(doc.Fields) > 0 {
			ix.titles = append(ix.titles, newTitle(doc.Fields[0].Text, doc.Boost))
		}
	}
	ix.finish(lengths, total)
	for w, stem := range syn.words {
		b.vocab[w] = stem
		ix.known[stem] = true
	}
	// Stems are words for typo correction too: "aloc" is one letter from "alloc", the stem of
	// "allocation". A real word spelt like a stem keeps its own stem.
	for stem := range ix.known {
		if _, ok := b.vocab[stem]; !ok {
			b.vocab[stem] = stem
		}
	}
	ix.fuzzy = newFuzzyIndex(b.vocab)
	return ix
}

// builder holds the scratch space of NewIndex.
type builder struct {
	ix *Index
	// vocab maps each normalized word to its stem: a cache for Stem, and at the end the
	// vocabulary of typo correction.
	vocab map[string]string
	occ   []occurrence
}

// occurrence is one word of a document being indexed.
type occurrence struct {
	term, pos int32
	weight    float64
}

// addDocument indexes document d and returns its field-weighted length.
func (b *builder) addDocument(d int32, doc Document) float64 {
	b.occ = b.occ[:0]
	pos := int32(0)
	var length float64
	for _, f := range doc.Fields {
		w := f.Weight
		if !(w > 0) || math.IsInf(w, 0) {
			w = 1 // also for NaN, which would spoil every score
		}
		forEachWord(f.Text, func(word []byte) {
			// Stop words never enter vocab, so a word found there needs no other check.
			stem, ok := b.vocab[string(word)]
			if !ok {
				if isStopWord(string(word)) {
					return
				}
				stem = Stem(string(word))
				b.vocab[string(word)] = stem
			}
			b.occ = append(b.occ, occurrence{b.ix.termID(stem), pos, w})
			length += w
			pos++
		})
		pos += fieldGap
	}
	b.addPostings(d)
	return length
}

// addPostings appends the postings of document d from b.occ, in term order so that builds are
// reproducible.
func (b *builder) addPostings(d int32) {
	slices.SortStableFunc(b.occ, func(x, y occurrence) int { return int(x.term - y.term) })
	ix := b.ix
	for i := 0; i < len(b.occ); {
		term, from := b.occ[i].term, int32(len(ix.positions))
		var tf float64
		for ; i < len(b.occ) && b.occ[i].term == term; i++ {
			ix.positions = append(ix.positions, b.occ[i].pos)
			tf += b.occ[i].weight
		}
		ix.postings[term] = append(ix.postings[term], posting{
			doc: d, tf: float32(tf), from: from, to: int32(len(ix.positions)),
		})
	}
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
