package textsearch

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"L’Aide-Sociale !", "l aide sociale"},
		{"Carte d'identité", "carte d identite"},
		{"ŒUVRE, cœur et Lætitia", "oeuvre coeur et laetitia"},
		{"Ça, c'est français", "ca c est francais"},
		{"àâäéèêëîïôöùûüÿç", "aaaeeeeiioouuuyc"},
		{"Pôle emploi → France Travail", "pole emploi france travail"},
		{"e\u0301cole", "ecole"}, // accent given as a combining mark
		{"C2S (ex-CMU-C)", "c2s ex cmu c"},
		{"1 500 €, 27/03/1985", "1 500 27 03 1985"},
		{"Straße Ñandú", "strasse nandu"},
		{"  \t\n", ""},
		{"…", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStopWords(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"le", true}, {"d", true}, {"qu", true}, {"ai", true}, {"pour", true}, {"mes", true},
		{"carte", false}, {"sans", false}, {"perte", false}, {"faire", false}, {"caf", false},
	}
	for _, tt := range tests {
		if got := isStopWord(tt.word); got != tt.want {
			t.Errorf("isStopWord(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}
