package textsearch

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mustParseSynonyms parses text or fails the test.
func mustParseSynonyms(t testing.TB, text string) Synonyms {
	t.Helper()
	syn, err := ParseSynonyms(strings.NewReader(text))
	if err != nil {
		t.Fatalf("ParseSynonyms: %v", err)
	}
	return syn
}

// stems returns the stems of the meaningful words of text, as the index sees them.
func stems(text string) []string {
	var out []string
	for _, w := range splitWords(text) {
		if !isStopWord(w) {
			out = append(out, Stem(w))
		}
	}
	return out
}

func TestParseSynonyms(t *testing.T) {
	text := `# Commentaire
caf = caisse d'allocations familiales | allocations familiales

pole emploi | ANPE => France Travail
Perdu = perdue
`
	syn := mustParseSynonyms(t, text)
	tests := []struct {
		key  string
		want [][]string
	}{
		{"caf", [][]string{{"caiss", "alloc", "familial"}, {"alloc", "familial"}}},
		{"allocations familiales", [][]string{{"caf"}, {"caiss", "alloc", "familial"}}},
		{"pole emploi", [][]string{{"franc", "travail"}}},
		{"anpe", [][]string{{"franc", "travail"}}},
		{"france travail", nil},
		{"perdu", nil},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got := syn.expansions(stems(tt.key))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("expansions(%q) mismatch (-want +got):\n%s", tt.key, diff)
			}
		})
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		reason     string
	}{
		{"sans signe égal", "caf\ncaisse d'allocations", 1, "il manque « = » ou « => »"},
		{"deux signes", "caf = allocations\nauto => voiture = auto", 2, "un seul « = » ou « => »"},
		{"terme vide", "# rien\n\ncaf = | caisse", 3, "un terme est vide"},
		{"seulement des mots vides", "caf = de la", 1, "« de la » ne contient que des petits mots"},
		{"côté gauche vide", " => france travail", 1, "un terme est vide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSynonyms(strings.NewReader(tt.text))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSynonyms error = %v, want a *SyntaxError", err)
			}
			if se.Line != tt.line || !strings.Contains(se.Error(), tt.reason) {
				t.Errorf("error = %q at line %d, want line %d and %q", se.Error(), se.Line, tt.line, tt.reason)
			}
			if !strings.Contains(se.Error(), "ligne") {
				t.Errorf("error %q does not name the line", se.Error())
			}
		})
	}
}

func TestSynonymsMerge(t *testing.T) {
	a := mustParseSynonyms(t, "caf = caisse d'allocations familiales")
	b := mustParseSynonyms(t, "caf => prestations\nsecu = securite sociale")
	m := a.Merge(b)
	tests := []struct {
		key  string
		want [][]string
	}{
		{"caf", [][]string{{"caiss", "alloc", "familial"}, {"prest"}}},
		{"secu", [][]string{{"securit", "social"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, m.expansions(stems(tt.key))); diff != "" {
			t.Errorf("Merge: expansions(%q) mismatch (-want +got):\n%s", tt.key, diff)
		}
	}
	if got := a.expansions([]string{"secu"}); got != nil {
		t.Errorf("Merge changed its receiver: secu → %v", got)
	}
}

func TestDefaultSynonymsParse(t *testing.T) {
	syn := DefaultSynonyms()
	for _, key := range []string{"caf", "cni", "sécu", "pôle emploi", "cmu", "apl", "minimum vieillesse"} {
		if len(syn.expansions(stems(key))) == 0 {
			t.Errorf("DefaultSynonyms has no expansion for %q", key)
		}
	}
}
