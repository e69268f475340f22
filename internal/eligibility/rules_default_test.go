package eligibility

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultRulesCompile(t *testing.T) {
	e := mustEngine(t)
	rules := DefaultRules()
	want := []string{
		"aah", "aide-logement", "allocation-rentree-scolaire", "allocations-familiales", "aspa",
		"bourse-etudiant", "cheque-energie", "complementaire-sante-solidaire", "prime-activite", "rsa",
	}
	var got []string
	for slug, spec := range rules {
		got = append(got, slug)
		if spec.Reason == "" {
			t.Errorf("%s has no reason", slug)
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("slugs (-want +got):\n%s", diff)
	}
	if errs := e.CheckRules(rules); len(errs) > 0 {
		t.Errorf("CheckRules: %v", errs)
	}
}

// slugs lists the procedures Simulate finds, in its order.
func slugs(results []Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, r.Slug)
	}
	return out
}

func TestDefaultRulesSituations(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]string
		want    []string
	}{
		{
			name: "single parent, two children at school, small wage",
			changes: map[string]string{"age": "34", "enfants": "2", "enfants_scolarises": "2",
				"ressources_mensuelles": "1300", "activite": "salarie"},
			want: []string{"aide-logement", "allocation-rentree-scolaire", "allocations-familiales",
				"cheque-energie", "complementaire-sante-solidaire", "prime-activite"},
		},
		{
			name: "retired, alone, small pension, owner",
			changes: map[string]string{"age": "72", "ressources_mensuelles": "900", "logement": "proprietaire",
				"activite": "retraite"},
			want: []string{"aspa", "cheque-energie", "complementaire-sante-solidaire"},
		},
		{
			name:    "student renting a room",
			changes: map[string]string{"age": "20", "ressources_mensuelles": "600", "activite": "etudiant"},
			want:    []string{"aide-logement", "bourse-etudiant", "cheque-energie", "complementaire-sante-solidaire"},
		},
		{
			name: "couple of workers earning well",
			changes: map[string]string{"couple": "oui", "enfants": "2", "enfants_scolarises": "1",
				"ressources_mensuelles": "5500", "logement": "proprietaire", "activite": "salarie"},
			want: []string{"allocations-familiales"},
		},
		{
			name: "80 % disability, housed by family",
			changes: map[string]string{"age": "45", "ressources_mensuelles": "300", "logement": "heberge",
				"handicap": "oui", "taux_incapacite": "80_plus"},
			want: []string{"aah", "complementaire-sante-solidaire", "rsa"},
		},
		{
			name:    "jobseeker alone with no income",
			changes: map[string]string{"age": "35", "activite": "chomage"},
			want:    []string{"aide-logement", "cheque-energie", "complementaire-sante-solidaire", "rsa"},
		},
		{
			name:    "unemployed 22-year-old without children, at their parents'",
			changes: map[string]string{"age": "22", "logement": "heberge", "activite": "chomage"},
			want:    []string{"complementaire-sante-solidaire"},
		},
		{
			name:    "pregnant 22-year-old alone",
			changes: map[string]string{"age": "22", "grossesse": "oui"},
			want:    []string{"aide-logement", "cheque-energie", "complementaire-sante-solidaire", "rsa"},
		},
		{
			name: "63, disability 50 to 79 % keeping from work",
			changes: map[string]string{"age": "63", "ressources_mensuelles": "700", "handicap": "oui",
				"taux_incapacite": "50_79", "restriction_emploi": "oui"},
			want: []string{"aah", "aide-logement", "aspa", "cheque-energie", "complementaire-sante-solidaire"},
		},
		{
			name: "disability 50 to 79 % without work restriction",
			changes: map[string]string{"age": "50", "ressources_mensuelles": "700", "handicap": "oui",
				"taux_incapacite": "50_79", "restriction_emploi": "non"},
			want: []string{"aide-logement", "cheque-energie", "complementaire-sante-solidaire"},
		},
		{
			name:    "jobseeker in France for less than 5 years",
			changes: map[string]string{"age": "35", "activite": "chomage", "residence_reguliere": "non"},
			want:    []string{"aide-logement", "cheque-energie", "complementaire-sante-solidaire"},
		},
		{
			name: "self-employed couple, three children",
			changes: map[string]string{"couple": "oui", "enfants": "3", "enfants_scolarises": "2",
				"ressources_mensuelles": "3000", "activite": "independant"},
			want: []string{"aide-logement", "allocation-rentree-scolaire", "allocations-familiales", "prime-activite"},
		},
		{
			name:    "homeless, no income",
			changes: map[string]string{"age": "50", "logement": "sans_logement"},
			want:    []string{"complementaire-sante-solidaire", "rsa"},
		},
	}
	e := mustEngine(t)
	rules := DefaultRules()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := mustAnswers(t, situation(tt.changes))
			if _, more := Next(a); more {
				t.Fatalf("the situation leaves questions unanswered")
			}
			results := e.SimulateOn(rules, a, june2026)
			if diff := cmp.Diff(tt.want, slugs(results)); diff != "" {
				t.Errorf("procedures (-want +got):\n%s", diff)
			}
			for _, r := range results {
				if r.Reason != rules[r.Slug].Reason {
					t.Errorf("%s: reason %q, want the rule's", r.Slug, r.Reason)
				}
			}
		})
	}
}

// june2026 is a day when the April 2026 values are in force.
var june2026 = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// TestDefaultRulesThresholds checks each resource ceiling on both sides,
// so that a mistyped constant shows.
func TestDefaultRulesThresholds(t *testing.T) {
	tests := []struct {
		slug         string
		changes      map[string]string
		below, above string // monthly resources
	}{
		{"rsa", nil, "645.69", "645.7"},                                                                        // 651.69 from April 2026, less the 6 € paid at least
		{"rsa", map[string]string{"couple": "oui"}, "971", "972"},                                              // 651.69 × 1.5 − 6
		{"rsa", map[string]string{"couple": "oui", "enfants": "3", "enfants_scolarises": "0"}, "1623", "1624"}, // × 2.5 − 6
		{"prime-activite", map[string]string{"activite": "salarie"}, "1914", "1915"},                           // 3 × 638.28
		{"aide-logement", nil, "1390", "1410"},
		{"complementaire-sante-solidaire", nil, "1150", "1170"},
		{"complementaire-sante-solidaire", map[string]string{"couple": "oui", "enfants": "2",
			"enfants_scolarises": "0"}, "2430", "2440"}, // 1160 × 2.1
		{"aspa", map[string]string{"age": "66"}, "1030", "1040"},
		{"aspa", map[string]string{"age": "66", "couple": "oui"}, "1600", "1610"},
		{"aah", map[string]string{"handicap": "oui", "taux_incapacite": "80_plus"}, "1030", "1040"},
		{"allocation-rentree-scolaire", map[string]string{"enfants": "1", "enfants_scolarises": "1"},
			"2365", "2375"}, // 28,444 € a year
		{"bourse-etudiant", map[string]string{"age": "19", "activite": "etudiant"}, "2923", "2924"},
		{"cheque-energie", nil, "910", "920"}, // 11,000 € a year
	}
	e := mustEngine(t)
	rules := DefaultRules()
	for _, tt := range tests {
		t.Run(tt.slug+" "+tt.below, func(t *testing.T) {
			r, err := e.Compile(rules[tt.slug].Expr)
			if err != nil {
				t.Fatal(err)
			}
			for resources, want := range map[string]bool{tt.below: true, tt.above: false} {
				changes := map[string]string{"ressources_mensuelles": resources}
				for k, v := range tt.changes {
					changes[k] = v
				}
				got, err := r.EvalOn(mustAnswers(t, situation(changes)), june2026)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("with %s € a month: %v, want %v", resources, got, want)
				}
			}
		})
	}
}
