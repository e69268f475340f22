package textsearch

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestQueryWords(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		query string
		want  []queryWord
	}{
		{"jai perdu ma carte", []queryWord{{"perdu", 1}, {"carte", 1}}},
		{"didentité", []queryWord{{"identite", 1}}},
		{"lassurance maladie", []queryWord{{"assurance", 1}, {"maladie", 1}}},
		{"cartegrise", []queryWord{{"carte", splitWeight}, {"grise", splitWeight}}},
		{"actederesidence", []queryWord{{"acte", splitWeight}, {"residence", splitWeight}}},
		{"lacarte", []queryWord{{"carte", splitWeight}}},
		{"allo cation", []queryWord{{"allocation", joinWeight}}},
		{"vitalle", []queryWord{{"vitalle", 1}}},                     // a typo, not "vital" + "le"
		{"cartes grises", []queryWord{{"cartes", 1}, {"grises", 1}}}, // known words stay as typed
		{"le la les", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := ix.queryWords(tt.query)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(queryWord{})); diff != "" {
				t.Errorf("queryWords(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestElisionRest(t *testing.T) {
	tests := []struct {
		word, rest string
		ok         bool
	}{
		{"didentite", "identite", true},
		{"jai", "ai", true},
		{"quil", "il", true},
		{"lhabitation", "habitation", true},
		{"dcarte", "", false}, // no elision before a consonant
		{"porte", "", false},  // p is never elided
		{"la", "", false},
	}
	for _, tt := range tests {
		rest, ok := elisionRest(tt.word)
		if rest != tt.rest || ok != tt.ok {
			t.Errorf("elisionRest(%q) = %q, %v, want %q, %v", tt.word, rest, ok, tt.rest, tt.ok)
		}
	}
}

func TestQueryWordsCapsLength(t *testing.T) {
	ix := newTestIndex(t)
	q := ""
	for range 3 * maxQueryWords {
		q += "carte "
	}
	if got := len(ix.queryWords(q)); got != maxQueryWords {
		t.Errorf("queryWords kept %d words, want %d", got, maxQueryWords)
	}
}
