package textsearch

import (
	"math"
	"slices"
	"testing"
)

func TestSearchFindsTheProcedure(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name, query, want string
		within            int // want must be among the first within hits
	}{
		{"carte vitale perdue, sans apostrophe ni accent", "jai perdu ma carte vital", "carte-vitale", 1},
		{"ancien nom", "pole emploi", "france-travail", 1},
		{"élision collée", "didentité", "carte-identite", 3},
		{"mots collés", "cartegrise", "carte-grise", 1},
		{"faute et abréviation", "aloc logement", "apl", 1},
		{"abréviation familière", "sécu", "carte-vitale", 3},
		{"ancien nom en deux mots", "minimum vieillesse", "aspa", 1},
		{"sigle", "CNI", "carte-identite", 1},
		{"mots de tous les jours", "papiers voiture", "carte-grise", 1},
		{"chômage", "inscription chomage", "france-travail", 1},
		{"accents et majuscules", "CARTE D'IDENTITÉ", "carte-identite", 1},
		{"apostrophe typographique", "carte d’identite", "carte-identite", 1},
		{"pluriel et féminin", "allocation familiale", "allocations-familiales", 1},
		{"forme verbale", "déclaration changement adresse", "changement-adresse", 1},
		{"lettres inversées", "allocatoins familiales", "allocations-familiales", 1},
		{"deux fautes dans un long mot", "imatriculasion", "carte-grise", 1},
		{"trois mots collés", "actederesidence", "attestation-residence", 1},
		{"mot coupé en deux", "allo cation familiale", "allocations-familiales", 1},
		{"élision collée et faute", "dimmatriculasion", "carte-grise", 1},
		{"sigle d'un ancien nom", "cmu", "c2s", 1},
		{"faute dans un synonyme", "pasport", "passeport", 1},
		{"mots vides autour", "bonjour je voudrais faire mon passeport svp", "passeport", 1},
		{"article collé", "lacartegrise", "carte-grise", 1},
		{"permis collé", "permisdeconduire", "permis-conduire", 1},
		{"déménagement", "demenagement", "changement-adresse", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := ix.Search(tt.query, 10)
			got := hitIDs(hits)
			i := slices.Index(got, tt.want)
			if i < 0 || i >= tt.within {
				t.Errorf("Search(%q) = %v, want %s in the first %d\nquery: %s",
					tt.query, got, tt.want, tt.within, describe(ix, tt.query))
			}
		})
	}
}

func TestSearchWithoutSearchableWords(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []string{"", "   ", "le la les de", "de la", "!!!", "' ’ - …", "je veux", "xqzwv"} {
		t.Run(q, func(t *testing.T) {
			if got := ix.Search(q, 10); len(got) != 0 {
				t.Errorf("Search(%q) = %v, want no hit", q, hitIDs(got))
			}
			if got := ix.SearchAll(q); len(got) != 0 {
				t.Errorf("SearchAll(%q) = %v, want no hit", q, hitIDs(got))
			}
		})
	}
}

func TestSearchLimitAndTotal(t *testing.T) {
	ix := newTestIndex(t)
	all := ix.SearchAll("demande en ligne")
	if len(all) < 5 {
		t.Fatalf("SearchAll = %v, want at least 5 procedures", hitIDs(all))
	}
	tests := []struct {
		limit, want int
	}{{1, 1}, {3, 3}, {0, len(all)}, {-1, len(all)}, {1000, len(all)}}
	for _, tt := range tests {
		got := ix.Search("demande en ligne", tt.limit)
		if len(got) != tt.want {
			t.Errorf("Search(limit %d) gave %d hits, want %d", tt.limit, len(got), tt.want)
		}
		if !slices.Equal(got, all[:len(got)]) {
			t.Errorf("Search(limit %d) = %v, want the start of %v", tt.limit, got, all)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	doc := func(id, text string, boost float64) Document {
		return Document{ID: id, Boost: boost, Fields: []Field{{Text: text, Weight: 1}}}
	}
	syn := mustParseSynonyms(t, "caf = caisse d'allocations familiales")
	tests := []struct {
		name  string
		docs  []Document
		query string
		want  []string
	}{
		{"tous les mots plutôt qu'un mot répété",
			[]Document{doc("a", "carte carte carte carte", 0), doc("b", "carte vitale", 0)},
			"carte vitale", []string{"b", "a"}},
		{"mots côte à côte",
			[]Document{doc("a", "vitale pour la carte", 0), doc("b", "la carte vitale pour", 0)},
			"carte vitale", []string{"b", "a"}},
		{"au moins la moitié des mots",
			[]Document{doc("a", "aide", 0), doc("b", "aide enfant", 0), doc("c", "handicap enfant aide", 0)},
			"aide handicap enfant", []string{"c", "b"}},
		{"égalité départagée par Boost",
			[]Document{doc("a", "carte grise", 1), doc("b", "carte grise", 3)},
			"carte grise", []string{"b", "a"}},
		{"égalité départagée par ID",
			[]Document{doc("b", "carte grise", 2), doc("a", "carte grise", 2)},
			"carte grise", []string{"a", "b"}},
		{"le mot tapé avant son synonyme",
			[]Document{doc("a", "caisse d'allocations familiales", 0), doc("b", "la caf", 0)},
			"caf", []string{"b", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitIDs(NewIndex(tt.docs, syn).Search(tt.query, 0))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchIgnoresStopWords(t *testing.T) {
	docs := []Document{
		{ID: "a", Fields: []Field{{Text: "le la les de du des carte"}}},
		{ID: "b", Fields: []Field{{Text: "carte"}}},
	}
	ix := NewIndex(docs, Synonyms{})
	got := ix.Search("les cartes de la", 0)
	if len(got) != 2 || got[0].Score != got[1].Score {
		t.Errorf("Search = %v, want a and b with the same score", got)
	}
	if plain := ix.Search("carte", 1); len(plain) != 1 || plain[0].Score != got[0].Score {
		t.Errorf("Search(carte) = %v, want the score %v of the query with stop words", plain, got[0].Score)
	}
}

func TestSearchScoresGuessesLower(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name, exact, guessed string
	}{
		{"faute de frappe", "allocations familiales", "allocatoins familiales"},
		{"synonyme", "carte nationale d'identité", "cni"},
		{"mot collé", "carte grise", "cartegrise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exact, guessed := ix.Search(tt.exact, 1), ix.Search(tt.guessed, 1)
			if len(exact) == 0 || len(guessed) == 0 || exact[0].ID != guessed[0].ID {
				t.Fatalf("Search(%q) = %v and Search(%q) = %v, want the same first hit",
					tt.exact, exact, tt.guessed, guessed)
			}
			if guessed[0].Score >= exact[0].Score {
				t.Errorf("score of %q = %v, want less than %v for %q",
					tt.guessed, guessed[0].Score, exact[0].Score, tt.exact)
			}
		})
	}
}

func TestSearchOneWaySynonym(t *testing.T) {
	docs := []Document{
		{ID: "ancien", Fields: []Field{{Text: "attestation pôle emploi"}}},
		{ID: "nouveau", Fields: []Field{{Text: "inscription france travail"}}},
	}
	ix := NewIndex(docs, mustParseSynonyms(t, "pole emploi => france travail"))
	tests := []struct {
		query string
		want  []string
	}{
		{"pôle emploi", []string{"ancien", "nouveau"}},
		{"france travail", []string{"nouveau"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := hitIDs(ix.Search(tt.query, 0)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchOddWeights(t *testing.T) {
	docs := []Document{
		{ID: "nan", Fields: []Field{{Text: "carte grise", Weight: math.NaN()}}},
		{ID: "inf", Fields: []Field{{Text: "carte grise", Weight: math.Inf(1)}}},
		{ID: "negatif", Fields: []Field{{Text: "carte grise", Weight: -3}}},
		{ID: "zero", Fields: []Field{{Text: "carte grise"}}},
	}
	hits := NewIndex(docs, Synonyms{}).Search("carte grise", 0)
	if len(hits) != 4 {
		t.Fatalf("Search = %v, want the four documents", hits)
	}
	for _, h := range hits {
		if h.Score != hits[0].Score {
			t.Errorf("Search = %v, want every weight to count as 1", hits)
		}
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := NewIndex(nil, Synonyms{})
	if got := ix.Search("carte grise", 10); got != nil {
		t.Errorf("Search on an empty index = %v, want nil", got)
	}
}

func TestSearchConcurrentReaders(t *testing.T) {
	ix := newTestIndex(t)
	want := hitIDs(ix.Search("jai perdu ma carte vital", 5))
	done := make(chan []string)
	for range 8 {
		go func() { done <- hitIDs(ix.Search("jai perdu ma carte vital", 5)) }()
	}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent Search = %v, want %v", got, want)
		}
	}
}

func TestTopK(t *testing.T) {
	var rs []ranked
	for i := range 50 {
		// Scores repeat so that Boost and ID must break ties.
		rs = append(rs, ranked{Hit{ID: string(rune('a'+i%26)) + string(rune('a'+i/26)), Score: float64(i % 7)}, float64(i % 3)})
	}
	all := slices.Clone(rs)
	slices.SortFunc(all, better)
	for _, k := range []int{1, 5, 49} {
		got := topK(rs, k)
		slices.SortFunc(got, better)
		if !slices.Equal(got, all[:k]) {
			t.Errorf("topK(%d) = %v, want %v", k, got, all[:k])
		}
	}
}
