package textsearch

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"vitale", "vitale", 2, 0},
		{"vital", "vitale", 2, 1},
		{"allocatoin", "allocation", 2, 1}, // swap counts once
		{"imatriculasion", "immatriculation", 2, 2},
		{"carte", "porte", 2, 2},
		{"carte", "gare", 1, 2}, // over the limit: limit+1
		{"pasport", "passeport", 1, 2},
		{"", "abc", 5, 3},
		{"écoles", "école", 1, 1}, // letters, not bytes
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := editDistance([]rune(tt.a), []rune(tt.b), tt.limit); got != tt.want {
				t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
			}
		})
	}
}

func TestFuzzyLookup(t *testing.T) {
	vocab := map[string]string{}
	for _, w := range []string{"vitale", "vital", "carte", "porte", "allocation", "allocations", "immatriculation", "passeport", "logement"} {
		vocab[w] = Stem(w)
	}
	f := newFuzzyIndex(vocab)
	tests := []struct {
		word string
		want []fuzzyMatch
	}{
		{"vitalle", []fuzzyMatch{{"vital", 1}}},
		{"crate", []fuzzyMatch{{"cart", 1}}},                // swap
		{"carre", []fuzzyMatch{{"cart", 1}}},                // "porte" is two edits away: too far for five letters
		{"alocation", []fuzzyMatch{{"alloc", 1}}},           // nine letters: up to two edits
		{"imatriculasion", []fuzzyMatch{{"immatricul", 2}}}, // insertion and substitution
		{"pasport", nil}, // seven letters allow one edit, "passeport" needs two
		{"logment", []fuzzyMatch{{"log", 1}}},
		{"car", nil}, // under four letters no typo is guessed
		{"xyzxyz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, f.lookup(tt.word), cmp.AllowUnexported(fuzzyMatch{})); diff != "" {
				t.Errorf("lookup(%q) mismatch (-want +got):\n%s", tt.word, diff)
			}
		})
	}
}

func TestMaxDistance(t *testing.T) {
	for n, want := range map[int]int{1: 0, 3: 0, 4: 1, 7: 1, 8: 2, 15: 2} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			if got := maxDistance(n); got != want {
				t.Errorf("maxDistance(%d) = %d, want %d", n, got, want)
			}
		})
	}
}
