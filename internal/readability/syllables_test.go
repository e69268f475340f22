package readability

import "testing"

func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"le", 1}, {"chat", 1}, {"carte", 1}, {"cartes", 1}, {"Vitale", 2},
		{"maison", 2}, {"oiseau", 2}, {"année", 2}, {"années", 2}, {"créée", 2},
		{"réaction", 3}, {"théâtre", 2}, {"naïf", 2}, {"famille", 2}, {"familiales", 3},
		{"allocations", 4}, {"administrativement", 7}, {"aujourd'hui", 3}, {"peut-être", 2},
		{"parlent", 1}, {"doivent", 1}, {"parent", 2}, {"souvent", 2}, {"logement", 3}, // the e inside a word is counted, as in a dictionary: lo-ge-ment
		{"quand", 1}, {"quelque", 1}, {"musique", 2}, {"langue", 1}, {"guide", 1},
		{"vie", 1}, {"rue", 1}, {"yeux", 1}, {"CAF", 1}, {"l'aide", 1},
		{"2024", 4}, {"5", 1}, {"1 500", 4}, {"1234567890", maxNumberSyllables},
		{"", 1}, {"-", 1},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := syllables(tt.word); got != tt.want {
				t.Errorf("syllables(%q) = %d, want %d", tt.word, got, tt.want)
			}
		})
	}
}
