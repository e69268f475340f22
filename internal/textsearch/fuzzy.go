package textsearch

import (
	"slices"
	"sort"
	"strings"
)

// maxWordRunes bounds the words that typo correction considers: longer ones are pasted
// identifiers or noise, and their deletions would cost for nothing.
const maxWordRunes = 40

// fuzzyIndex finds the words of the vocabulary within a small edit distance of a query word
// without comparing it with every word: at build time each word is stored under the hashes of
// all the strings obtained by deleting one or two of its letters (the SymSpell method); at
// query time the deletions of the query word point straight to the few candidates, which
// editDistance then checks.
type fuzzyIndex struct {
	words []string // vocabulary: normalized words and stems
	stems []string // stems[i] is the index term that words[i] stands for
	keys  []uint64 // sorted deletion hashes
	ids   []int32  // ids[k] is the word stored under keys[k]
}

// fuzzyEntry pairs a deletion hash with a word while the index is built.
type fuzzyEntry struct {
	key uint64
	id  int32
}

// fuzzyMatch is a vocabulary stem found near a query word.
type fuzzyMatch struct {
	stem     string
	distance int
}

// maxDistance is the number of typos forgiven in a word of n letters: none under four letters,
// where one typo makes another word, one up to seven letters, two from eight.
func maxDistance(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// newFuzzyIndex builds the index over vocab, which maps each word to its stem.
func newFuzzyIndex(vocab map[string]string) fuzzyIndex {
	f := fuzzyIndex{words: make([]string, 0, len(vocab))}
	for w := range vocab {
		if n := len([]rune(w)); n >= 3 && n <= maxWordRunes {
			f.words = append(f.words, w)
		}
	}
	slices.Sort(f.words)
	f.stems = make([]string, len(f.words))
	entries := make([]fuzzyEntry, 0, deletionCount(f.words))
	var hashes []uint64
	for i, w := range f.words {
		f.stems[i] = vocab[w]
		r := []rune(w)
		// A stored word needs as many deletions as the longest query allowed to reach it:
		// words of eight letters or more may meet a query with two typos.
		d := 1
		if len(r) >= 8 {
			d = 2
		}
		hashes = deletionHashes(r, d, hashes[:0])
		for _, h := range hashes {
			entries = append(entries, fuzzyEntry{h, int32(i)})
		}
	}
	slices.SortFunc(entries, func(a, b fuzzyEntry) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return int(a.id - b.id)
	})
	f.keys = make([]uint64, len(entries))
	f.ids = make([]int32, len(entries))
	for i, e := range entries {
		f.keys[i], f.ids[i] = e.key, e.id
	}
	return f
}

// deletionCount bounds the number of entries newFuzzyIndex stores for words.
func deletionCount(words []string) int {
	total := 0
	for _, w := range words {
		n := len([]rune(w))
		total += 1 + n
		if n >= 8 {
			total += n * (n - 1) / 2
		}
	}
	return total
}

// lookup returns the stems whose word is within maxDistance of word, nearest first.
func (f *fuzzyIndex) lookup(word string) []fuzzyMatch {
	r := []rune(word)
	d := maxDistance(len(r))
	if d == 0 || len(r) > maxWordRunes {
		return nil
	}
	var ids []int32
	for _, h := range deletionHashes(r, d, nil) {
		for k := sort.Search(len(f.keys), func(k int) bool { return f.keys[k] >= h }); k < len(f.keys) && f.keys[k] == h; k++ {
			ids = append(ids, f.ids[k])
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	best := map[string]int{}
	for _, id := range ids {
		dist := editDistance(r, []rune(f.words[id]), d)
		if dist > d {
			continue
		}
		if old, ok := best[f.stems[id]]; !ok || dist < old {
			best[f.stems[id]] = dist
		}
	}
	if len(best) == 0 {
		return nil
	}
	out := make([]fuzzyMatch, 0, len(best))
	for stem, dist := range best {
		out = append(out, fuzzyMatch{stem, dist})
	}
	slices.SortFunc(out, func(a, b fuzzyMatch) int {
		if a.distance != b.distance {
			return a.distance - b.distance
		}
		return strings.Compare(a.stem, b.stem)
	})
	return out
}

// deletionHashes appends to dst the distinct hashes of r with up to d letters deleted
// (r itself included).
func deletionHashes(r []rune, d int, dst []uint64) []uint64 {
	start := len(dst)
	dst = append(dst, hashWithout(r, -1, -1))
	for i := range r {
		dst = append(dst, hashWithout(r, i, -1))
		if d < 2 {
			continue
		}
		for j := i + 1; j < len(r); j++ {
			dst = append(dst, hashWithout(r, i, j))
		}
	}
	tail := dst[start:]
	slices.Sort(tail)
	return dst[:start+len(slices.Compact(tail))]
}

// hashWithout is the FNV-1a hash of r without the letters at i and j (-1 for none). A hash
// collision only costs an extra editDistance check.
func hashWithout(r []rune, i, j int) uint64 {
	h := uint64(14695981039346656037)
	for k, c := range r {
		if k == i || k == j {
			continue
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
