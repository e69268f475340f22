package textsearch

import (
	"math"
	"testing"
	"unicode/utf8"
)

// FuzzSearch checks that no query, however strange, makes Search or Suggest panic, and that
// hits stay well formed.
func FuzzSearch(f *testing.F) {
	for _, q := range benchQueries() {
		f.Add(q)
	}
	ix := newTestIndex(f)
	ids := map[string]bool{}
	for _, p := range testCatalogue() {
		ids[p.id] = true
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits := ix.Search(q, 5)
		if len(hits) > 5 {
			t.Fatalf("Search(%q, 5) returned %d hits", q, len(hits))
		}
		for i, h := range hits {
			if !ids[h.ID] || h.Score <= 0 || math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Fatalf("Search(%q) hit %d = %+v, want a known id and a positive finite score", q, i, h)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("Search(%q) not ranked: %v", q, hits)
			}
		}
		for _, s := range ix.Suggest(q, 3) {
			if !utf8.ValidString(s) {
				t.Fatalf("Suggest(%q) returned invalid UTF-8 %q", q, s)
			}
		}
		if utf8.ValidString(q) && !utf8.ValidString(Normalize(q)) {
			t.Fatalf("Normalize(%q) = %q, not valid UTF-8", q, Normalize(q))
		}
	})
}
