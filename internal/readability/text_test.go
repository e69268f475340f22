package readability

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sentenceWords returns the words of each sentence, for comparisons.
func sentenceWords(text string) [][]string {
	var out [][]string
	for _, s := range splitSentences(text) {
		var ws []string
		for _, w := range s.words {
			if text[w.start:w.end] != w.text {
				return [][]string{{"offsets do not match " + w.text}}
			}
			ws = append(ws, w.text)
		}
		out = append(out, ws)
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       [][]string
	}{
		{"points", "Le chat dort. Il fait beau !  Vraiment ?", [][]string{
			{"Le", "chat", "dort"}, {"Il", "fait", "beau"}, {"Vraiment"}}},
		{"points de suspension", "Attendez… Puis revenez... Merci?!", [][]string{
			{"Attendez"}, {"Puis", "revenez"}, {"Merci"}}},
		{"abréviations", "M. Dupont voit Mme Durand, cf. p. 3. J. Martin aussi.", [][]string{
			{"M", "Dupont", "voit", "Mme", "Durand", "cf", "p", "3"}, {"J", "Martin", "aussi"}}},
		{"etc", "Photo, facture, etc. Puis signez. Pièces, etc. en ligne.", [][]string{
			{"Photo", "facture", "etc"}, {"Puis", "signez"}, {"Pièces", "etc", "en", "ligne"}}},
		{"nombres et adresses", "Le taux est de 3.5 % sur service-public.fr aujourd'hui.", [][]string{
			{"Le", "taux", "est", "de", "3.5", "sur", "service-public.fr", "aujourd'hui"}}},
		{"liste", "Apportez :\n- une photo\n- un justificatif\n1. Signez\n2) Envoyez", [][]string{
			{"Apportez"}, {"une", "photo"}, {"un", "justificatif"}, {"Signez"}, {"Envoyez"}}},
		{"ligne coupée", "Vous pouvez faire\nla demande en ligne.", [][]string{
			{"Vous", "pouvez", "faire", "la", "demande", "en", "ligne"}}},
		{"paragraphes et titre", "# Qui peut demander\nToute personne majeure\n\nLa suite", [][]string{
			{"Qui", "peut", "demander"}, {"Toute", "personne", "majeure"}, {"La", "suite"}}},
		{"élément de liste sur deux lignes", "- une photo\n  de moins de six mois\n- un timbre", [][]string{
			{"une", "photo", "de", "moins", "de", "six", "mois"}, {"un", "timbre"}}},
		{"guillemets", "Il dit « oui. » Puis il part.", [][]string{
			{"Il", "dit", "oui"}, {"Puis", "il", "part"}}},
		{"espace insécable des milliers", "Il reçoit 1\u00a0500 € par an.", [][]string{
			{"Il", "reçoit", "1\u00a0500", "par", "an"}}},
		{"vide", " \n\n ... ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentenceWords(tt.text)); diff != "" {
				t.Errorf("splitSentences(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
