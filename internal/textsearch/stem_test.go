package textsearch

import "testing"

func TestStemJoinsForms(t *testing.T) {
	tests := []struct {
		name  string
		forms []string
		want  string
	}{
		{"pluriel", []string{"carte", "cartes"}, "cart"},
		{"féminin et pluriel", []string{"gris", "grise", "grises"}, "gri"},
		{"pluriel en -aux", []string{"vital", "vitale", "vitaux", "vitales"}, "vital"},
		{"social", []string{"social", "sociale", "sociaux", "sociales"}, "social"},
		{"-ation", []string{"allocation", "allocations"}, "alloc"},
		{"formes du verbe", []string{"demander", "demandez", "demande", "demandee", "demandees", "demandes", "demandant"}, "demand"},
		{"verbe et nom", []string{"declarer", "declaration", "declare", "declarez"}, "declar"},
		{"-ement", []string{"logement", "logements"}, "log"},
		{"-ion", []string{"inscription", "inscriptions"}, "inscript"},
		{"-ive", []string{"actif", "active", "actives", "actifs"}, "actif"},
		{"-elle", []string{"personnel", "personnelle", "personnelles"}, "personnel"},
		{"-enne", []string{"europeen", "europeenne"}, "europeen"},
		{"-euse", []string{"demandeur", "demandeuse", "demandeurs"}, "demandeur"},
		{"-iere", []string{"premier", "premiere", "premieres"}, "premi"},
		{"-eaux", []string{"bureau", "bureaux"}, "bureau"},
		{"participe", []string{"perdu", "perdue", "perdus"}, "perdu"},
		{"-ss", []string{"adresse", "adresses"}, "adress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range tt.forms {
				if got := Stem(f); got != tt.want {
					t.Errorf("Stem(%q) = %q, want %q", f, got, tt.want)
				}
			}
		})
	}
}

func TestStemKeepsShortWordsAndCodes(t *testing.T) {
	for _, w := range []string{"caf", "apl", "rsa", "c2s", "vie", "bus", "taux", "deux", "2024", "cerfa15776"} {
		if got := Stem(w); got != w {
			t.Errorf("Stem(%q) = %q, want it unchanged", w, got)
		}
	}
}
