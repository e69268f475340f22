package textsearch

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"carte", 10, []string{
			"Carte nationale d'identité : première demande ou renouvellement",
			"Carte Vitale : déclarer une perte ou un vol",
			"Carte grise : demander un certificat d'immatriculation",
		}},
		{"carte gr", 10, []string{"Carte grise : demander un certificat d'immatriculation"}},
		{"CARTE", 1, []string{"Carte nationale d'identité : première demande ou renouvellement"}},
		{"dem", 10, []string{ // higher Boost first, then shorter
			"Carte nationale d'identité : première demande ou renouvellement",
			"Passeport : faire une demande",
			"S'inscrire à France Travail comme demandeur d'emploi",
			"Carte grise : demander un certificat d'immatriculation",
			"Permis de conduire : demander un duplicata",
		}},
		{"identite", 10, []string{"Carte nationale d'identité : première demande ou renouvellement"}},
		{"xyz", 10, nil},
		{"  ", 10, nil},
		{"carte", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ix.Suggest(tt.prefix, tt.limit)); diff != "" {
				t.Errorf("Suggest(%q, %d) mismatch (-want +got):\n%s", tt.prefix, tt.limit, diff)
			}
		})
	}
}

func TestSuggestPrefersTitleStart(t *testing.T) {
	docs := []Document{
		{ID: "a", Boost: 9, Fields: []Field{{Text: "Demander une carte grise"}}},
		{ID: "b", Boost: 1, Fields: []Field{{Text: "Carte grise"}}},
	}
	got := NewIndex(docs, Synonyms{}).Suggest("carte", 5)
	want := []string{"Carte grise", "Demander une carte grise"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Suggest mismatch (-want +got):\n%s", diff)
	}
}
