package web

import (
	"testing"

	"guichet/internal/backoffice"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 enfant", 1: "1 enfant", 2: "2 enfants", 12: "12 enfants"} {
		if got := plural(n, "enfant", "enfants"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOrgWords(t *testing.T) {
	tests := []struct{ name, of, to, by string }{
		{"Assurance maladie", "de l'Assurance maladie", "à l'Assurance maladie", "par l'Assurance maladie"},
		{"CAF", "de la CAF", "à la CAF", "par la CAF"},
		{"Mairie de Villeurbanne", "de la Mairie de Villeurbanne", "à la Mairie de Villeurbanne", "par la Mairie de Villeurbanne"},
		{"Crous de Lyon", "du Crous de Lyon", "au Crous de Lyon", "par le Crous de Lyon"},
		{"Caisse d'allocations familiales du Rhône", "de la Caisse d'allocations familiales du Rhône", "à la Caisse d'allocations familiales du Rhône", "par la Caisse d'allocations familiales du Rhône"},
		{"Agence de services et de paiement", "de l'Agence de services et de paiement", "à l'Agence de services et de paiement", "par l'Agence de services et de paiement"},
		{"Urssaf", "de l'Urssaf", "à l'Urssaf", "par l'Urssaf"},
		{"Ministère de la Justice", "du Ministère de la Justice", "au Ministère de la Justice", "par le Ministère de la Justice"},
		{"France Travail", "de France Travail", "à France Travail", "par France Travail"},
	}
	for _, tt := range tests {
		got := orgWords(tt.name)
		if got.Of != tt.of || got.To != tt.to || got.By != tt.by {
			t.Errorf("orgWords(%q) = %q / %q / %q, want %q / %q / %q", tt.name, got.Of, got.To, got.By, tt.of, tt.to, tt.by)
		}
	}
}

func TestNormalCase(t *testing.T) {
	tests := map[string]string{
		"150 RUE DU QUATRE AOUT 1789":   "150 Rue du Quatre Aout 1789",
		"MAISON FRANCE SERVICES":        "Maison France Services",
		"PLACE DE L'HÔTEL DE VILLE":     "Place de l'Hôtel de Ville",
		"AVENUE D'ALSACE-LORRAINE":      "Avenue d'Alsace-Lorraine",
		"VILLEURBANNE":                  "Villeurbanne",
		"Maison de services au public":  "Maison de services au public",
		"69100":                         "69100",
		"CHEMIN DES ÉCOLIERS ET DU LAC": "Chemin des Écoliers et du Lac",
	}
	for in, want := range tests {
		if got := normalCase(in); got != want {
			t.Errorf("normalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCountWords: a queue count opens its sentence with its noun, and a
// count that stopped past backoffice.CountLimit says so.
func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		c    backoffice.Count
		want string
	}{
		{0, "0 dossier"},
		{1, "1 dossier"},
		{42, "42 dossiers"},
		{backoffice.CountLimit, "1000 dossiers"},
		{backoffice.CountLimit + 1, "Plus de 1\u00a0000 dossiers"},
	} {
		if got := countWords(tt.c, "dossier", "dossiers"); got != tt.want {
			t.Errorf("countWords(%d) = %q, want %q", tt.c, got, tt.want)
		}
	}
}
