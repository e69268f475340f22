package listening

import (
	"strings"
	"testing"
)

func TestMaskPersonalData(t *testing.T) {
	t.Parallel()
	masked := []struct{ in, hidden string }{
		{"Appelez-moi au +33 6 12 34 56 78 svp", "12 34 56 78"},
		{"mon numéro 06.12.34.56.78.", "06.12.34.56.78"},
		{"tel 06 12 34 56 78", "06 12 34 56 78"},
		{"tel 0612345678", "0612345678"},
		{"tel 06-12-34-56-78", "06-12-34-56-78"},
		{"fixe 01 23 45 67 89 le matin", "01 23 45 67 89"},
		{"+33612345678", "612345678"},
		{"0033 6 12 34 56 78", "12 34 56 78"},
		{"+33 (0)6 12 34 56 78", "12 34 56 78"},
		{"+32 470 12 34 56 en Belgique", "470 12 34 56"},
		{"écrivez à jean.dupont@gmail.com merci", "jean.dupont"},
		{"Marie-Claire.Durand+caf@orange.fr", "Durand"},
		{"jean.dupont @ laposte.net", "laposte"},
		{"jean.dupont arobase free.fr", "free.fr"},
		{"IBAN FR76 3000 6000 0112 3456 7890 189", "3000 6000"},
		{"iban fr7630006000011234567890189 pour le virement", "30006000011234567890189"},
		{"BE68 5390 0754 7034", "5390 0754"},
		{"FR76-3000-6000-0112-3456-7890-189", "3000-6000"},
		{"mon numéro de sécu 1 85 05 78 006 084 36", "006 084"},
		{"numéro fiscal 1234567890123", "1234567890123"},
	}
	for _, c := range masked {
		got := MaskPersonalData(c.in)
		if strings.Contains(got, c.hidden) || !strings.Contains(got, "masqué]") {
			t.Errorf("MaskPersonalData(%q) = %q; %q should be masked", c.in, got, c.hidden)
		}
	}
	kept := []string{
		"J'ai attendu 3 semaines et payé 25 euros.",
		"Le 12/03/2024 à 14 h 30, au guichet 2.",
		"Le formulaire Cerfa 12100*02 est clair.",
		"Code postal 69100, bureau 204.",
		"Très bien, merci !",
	}
	for _, in := range kept {
		if got := MaskPersonalData(in); got != in {
			t.Errorf("MaskPersonalData(%q) = %q; nothing personal there", in, got)
		}
	}
}
