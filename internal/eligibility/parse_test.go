package eligibility

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAnswersErrors(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		want   map[string]string
	}{
		{
			name:   "age in letters",
			fields: map[string]string{"age": "trente"},
			want:   map[string]string{"age": "Indiquez votre âge en chiffres, par exemple 34."},
		},
		{
			name:   "age with a decimal",
			fields: map[string]string{"age": "34,5"},
			want:   map[string]string{"age": "Indiquez votre âge en chiffres, par exemple 34."},
		},
		{
			name:   "age out of range",
			fields: map[string]string{"age": "130"},
			want:   map[string]string{"age": "Indiquez un nombre entre 15 et 120 ans."},
		},
		{
			name:   "negative resources",
			fields: map[string]string{"ressources_mensuelles": "-20"},
			want:   map[string]string{"ressources_mensuelles": "Indiquez un nombre entre 0 et 100\u00a0000 € par mois."},
		},
		{
			name:   "resources not a number",
			fields: map[string]string{"ressources_mensuelles": "NaN"},
			want: map[string]string{"ressources_mensuelles": "Indiquez un montant en euros, en chiffres, " +
				"par exemple 1250. Écrivez 0 si vous ne recevez rien."},
		},
		{
			name:   "yes or no",
			fields: map[string]string{"couple": "peut-être"},
			want:   map[string]string{"couple": "Répondez par oui ou par non."},
		},
		{
			name:   "unknown option",
			fields: map[string]string{"logement": "chateau"},
			want:   map[string]string{"logement": "Choisissez une des réponses proposées."},
		},
		{
			name:   "more children at school than children",
			fields: map[string]string{"enfants": "1", "enfants_scolarises": "3"},
			want:   map[string]string{"enfants_scolarises": "Ce nombre ne peut pas dépasser le nombre d'enfants à votre charge."},
		},
		{
			name:   "error on a hidden question is dropped",
			fields: map[string]string{"handicap": "non", "taux_incapacite": "n'importe quoi"},
			want:   map[string]string{},
		},
		{
			name:   "empty is no answer, not an error",
			fields: map[string]string{"age": "  ", "couple": ""},
			want:   map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range tt.fields {
				form.Set(k, v)
			}
			a, errs := ParseAnswers(form)
			if diff := cmp.Diff(tt.want, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			for id := range tt.want {
				if a.Has(id) {
					t.Errorf("answer %q kept despite its error", id)
				}
			}
		})
	}
}

func TestParseAnswersValues(t *testing.T) {
	a := mustAnswers(t, map[string]string{
		"age":                   "34 ans",
		"couple":                "OUI",
		"enfants":               "2",
		"enfants_scolarises":    "1",
		"ressources_mensuelles": "1 250,50 €",
		"logement":              " Locataire ",
		"handicap":              "non",
		"taux_incapacite":       "80_plus",
		"unknown":               "ignored",
	})
	if got, ok := a.Int("age"); !ok || got != 34 {
		t.Errorf("age = %v, %v; want 34", got, ok)
	}
	if got, ok := a.Bool("couple"); !ok || !got {
		t.Errorf("couple = %v, %v; want true", got, ok)
	}
	if got, ok := a.Float("ressources_mensuelles"); !ok || got != 1250.5 {
		t.Errorf("ressources_mensuelles = %v, %v; want 1250.5", got, ok)
	}
	if got, ok := a.String("logement"); !ok || got != "locataire" {
		t.Errorf("logement = %q, %v; want locataire", got, ok)
	}
	// No disability: the rate the form still carries must not count.
	if got, _ := a.String("taux_incapacite"); got != "aucun" {
		t.Errorf("taux_incapacite = %q, want the hidden value aucun", got)
	}
	if got, _ := a.Bool("restriction_emploi"); got {
		t.Errorf("restriction_emploi = true, want the hidden value false")
	}
	if a.Has("unknown") {
		t.Errorf("an unknown field became an answer")
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	a := mustAnswers(t, situation(map[string]string{
		"enfants": "3", "enfants_scolarises": "2", "ressources_mensuelles": "1234,56",
		"handicap": "oui", "taux_incapacite": "50_79", "restriction_emploi": "oui",
	}))
	b, errs := ParseAnswers(a.Encode())
	if len(errs) > 0 {
		t.Fatalf("ParseAnswers(Encode()) errors: %v", errs)
	}
	if diff := cmp.Diff(a.values, b.values); diff != "" {
		t.Errorf("round trip changed the answers (-before +after):\n%s", diff)
	}
	if a.Len() != len(Questions()) {
		t.Errorf("Len() = %d, want %d", a.Len(), len(Questions()))
	}
}

func TestParseFrenchNumber(t *testing.T) {
	tests := []struct {
		in     string
		want   float64
		wantOK bool
	}{
		{"34", 34, true},
		{"1250", 1250, true},
		{"1 250", 1250, true},
		{"1\u00a0250", 1250, true},
		{"1\u202f250,75", 1250.75, true},
		{"1.250", 1250, true},
		{"1.250,75", 1250.75, true},
		{"1,250.75", 1250.75, true},
		{"12,5", 12.5, true},
		{"12.5", 12.5, true},
		{"1'250", 1250, true},
		{"1 250 €", 1250, true},
		{"1250 euros par mois", 1250, true},
		{"34 ans", 34, true},
		{"2 enfants", 2, true},
		{"-3", -3, true},
		{"", 0, false},
		{"€", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"1e5", 0, false},
		{"0x10", 0, false},
		{"12.", 0, false},
		{".5", 0, false},
		{"1.2.3,4", 0, false},
		{"1.25,5", 0, false},
		{"1,5,0", 0, false},
		{"1,500,000", 1500000, true},
		{"trente", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseFrenchNumber(tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("parseFrenchNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestFormatFrench(t *testing.T) {
	tests := map[float64]string{
		0:       "0",
		120:     "120",
		1000:    "1\u00a0000",
		100000:  "100\u00a0000",
		1234.5:  "1\u00a0234,5",
		-2500.0: "-2\u00a0500",
	}
	for in, want := range tests {
		if got := formatFrench(in); got != want {
			t.Errorf("formatFrench(%v) = %q, want %q", in, got, want)
		}
	}
}
