package readability

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckWarnings(t *testing.T) {
	long27 := "Pour obtenir cette aide vous devez envoyer le formulaire rempli avec une copie de votre pièce et un justificatif de domicile récent à la caisse avant la fin du mois."
	tests := []struct {
		name, text string
		want       []Warning
	}{
		{"phrase longue", long27, []Warning{
			{KindLongSentence, long27, "Cette phrase a 30 mots. Essayez d'en faire deux."},
			{KindLongWord, "justificatif", "Le mot « justificatif » est long. Un mot plus court existe peut-être."},
		}},
		{"phrase de vingt mots acceptée", strings.Repeat("mot ", 20) + ".", nil},
		{"phrase très longue", strings.Repeat("mot ", 45) + ".", []Warning{
			{KindLongSentence, strings.TrimSpace(strings.Repeat("mot ", 45)) + " .", "Cette phrase a 45 mots. Essayez d'en faire trois."},
		}},
		{"sigle expliqué après", "La CAF (caisse d'allocations familiales) paie. La CAF répond.", nil},
		{"sigle expliqué avant", "La caisse d'allocations familiales (CAF) paie. La CAF répond.", nil},
		{"sigle non expliqué la première fois", "Écrivez à la CAF. La CAF (caisse d'allocations familiales) répond.", []Warning{
			{KindAcronym, "CAF", "Expliquez le sigle CAF la première fois."},
		}},
		{"sigles élidés, avec chiffres ou tiret", "Allez sur le site de l'ANTS. La C2S remplace la CMU-C.", []Warning{
			{KindAcronym, "ANTS", "Expliquez le sigle ANTS la première fois."},
			{KindAcronym, "C2S", "Expliquez le sigle C2S la première fois."},
			{KindAcronym, "CMU-C", "Expliquez le sigle CMU-C la première fois."},
		}},
		{"pas des sigles", "Le XIVe siècle, Louis XIV et la lettre A. IMPORTANT : venez.", nil},
		{"titre en capitales", "DEMANDER UNE CARTE VITALE\n\nVous faites la demande.", nil},
		{"mot long une seule fois", "L'administration répond. Une administration lente.", []Warning{
			{KindLongWord, "administration", "Le mot « administration » est long. Un mot plus court existe peut-être."},
		}},
		{"adresses et nombres ignorés", "Allez sur administrativement.gouv.fr ou appelez le 0102030405.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(tt.text).Warnings
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%q) warnings mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestCheckCounts(t *testing.T) {
	r := Check("Le chat dort. La maison brûle vite.\n- une photo\n- un timbre à 25 €")
	want := Report{Score: Score("Le chat dort. La maison brûle vite.\n- une photo\n- un timbre à 25 €"), Words: 13, Sentences: 4}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("Check mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckOrdersWarningsAsTheText(t *testing.T) {
	text := "Contactez la MDPH. " + strings.Repeat("mot ", 22) + "administrativement."
	var got []string
	for _, w := range Check(text).Warnings {
		got = append(got, w.Kind)
	}
	want := []string{KindAcronym, KindLongSentence, KindLongWord}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warning kinds mismatch (-want +got):\n%s", diff)
	}
}

func BenchmarkCheck(b *testing.B) {
	text := strings.Repeat(easyText+"\n\n"+standardText+"\n\n"+legalText+"\n\n", 15)
	b.ReportAllocs()
	for b.Loop() {
		Check(text)
	}
}

func BenchmarkScore(b *testing.B) {
	text := strings.Repeat(easyText+"\n\n"+standardText+"\n\n"+legalText+"\n\n", 15)
	b.ReportAllocs()
	for b.Loop() {
		Score(text)
	}
}
