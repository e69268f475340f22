package readability

import (
	"math"
	"testing"
)

// Texts written like the catalogue's, from plain to legal.
const (
	easyText = `Vous avez deux enfants. Vous pouvez avoir une aide.
Cette aide s'appelle les allocations familiales. Vous faites la demande en ligne.
La caisse vous répond par courrier.`

	standardText = `La carte nationale d'identité est gratuite. Vous devez payer un timbre si elle est
perdue ou volée. La demande se fait en mairie, sur rendez-vous, après une pré-demande en ligne.
Vous devez fournir une photo d'identité récente et un justificatif de domicile.`

	legalText = `Conformément aux dispositions de l'article L. 512-1 du code de la sécurité sociale,
toute personne française ou étrangère résidant en France, ayant à sa charge un ou plusieurs
enfants également résidant en France, bénéficie pour ces enfants des prestations familiales
dans les conditions prévues par le présent livre, sous réserve des règles de coordination
applicables.`
)

func TestScore(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		min, max float64
		label    string
	}{
		{"texte facile à lire", easyText, 80, 110, ""},
		{"fiche pratique", standardText, 55, 80, ""},
		{"texte de loi", legalText, -40, 30, "difficile"},
		{"phrases d'enfant", "Le chat dort. Il fait beau. Papa lit.", 100, 130, "très facile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.text)
			if got < tt.min || got > tt.max {
				t.Errorf("Score = %.1f, want between %v and %v", got, tt.min, tt.max)
			}
			if tt.label != "" && Label(got) != tt.label {
				t.Errorf("Label(%.1f) = %q, want %q", got, Label(got), tt.label)
			}
		})
	}
}

func TestScoreOrdersTexts(t *testing.T) {
	easy, standard, legal := Score(easyText), Score(standardText), Score(legalText)
	if !(easy > standard && standard > legal) {
		t.Errorf("scores easy %.1f, standard %.1f, legal %.1f: want decreasing", easy, standard, legal)
	}
}

func TestScoreFormula(t *testing.T) {
	// Two sentences, seven words, eight syllables (maison has two).
	got := Score("Le chat dort. La maison brûle vite.")
	want := 207 - 1.015*7/2 - 73.6*8.0/7
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("Score = %v, want %v", got, want)
	}
}

func TestScoreWithoutWords(t *testing.T) {
	for _, text := range []string{"", "   ", "... ?! —", "\n\n- \n"} {
		if got := Score(text); got != 0 {
			t.Errorf("Score(%q) = %v, want 0", text, got)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		score float64
		want  string
	}{
		{120, "très facile"}, {90, "très facile"}, {89.9, "facile"}, {80, "facile"},
		{75, "assez facile"}, {60, "standard"}, {59.99, "assez difficile"}, {50, "assez difficile"},
		{49, "difficile"}, {-20, "difficile"},
	}
	for _, tt := range tests {
		if got := Label(tt.score); got != tt.want {
			t.Errorf("Label(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
}
