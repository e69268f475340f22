package eligibility

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/cel-go/interpreter"
)

// mustEngine builds an engine or stops the test.
func mustEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := NewEngine()
	if err != nil {
		t.Fatalf("NewEngine: %v", err)
	}
	return e
}

func TestCompileErrors(t *testing.T) {
	e := mustEngine(t)
	tests := []struct {
		name    string
		expr    string
		want    []string // parts the message must hold
		wantPos int
	}{
		{
			name: "unknown variable",
			expr: "agee >= 65",
			want: []string{"La règle ne se lit pas : variable inconnue « agee ».", "Vouliez-vous dire « age » ?",
				"Variables possibles : age, couple, enfants,", "ressources_annuelles, etudiant, aah_age_minimum"},
			wantPos: 1,
		},
		{
			name:    "unknown variable far from any",
			expr:    "age >= 65 && salaire < 1000",
			want:    []string{"variable inconnue « salaire ».", "Variables possibles : age,"},
			wantPos: 14,
		},
		{
			name:    "answer without quotes",
			expr:    "logement == locataire",
			want:    []string{"variable inconnue « locataire »", `entre guillemets : "locataire"`},
			wantPos: 13,
		},
		{
			name:    "unknown answer",
			expr:    `logement in ["locataire", "locatair"]`,
			want:    []string{"« locatair » n'est pas une réponse possible pour logement.", "Réponses possibles : locataire,"},
			wantPos: 27,
		},
		{
			name:    "unknown answer compared the other way round",
			expr:    `"salarié" == activite`,
			want:    []string{"« salarié » n'est pas une réponse possible pour activite."},
			wantPos: 1,
		},
		{
			name: "unknown function",
			expr: "plafond(age) > 2",
			want: []string{"fonction inconnue « plafond »."},
		},
		{
			name:    "single equals sign",
			expr:    "age = 65",
			want:    []string{"erreur d'écriture au caractère 5.", "écrivez == avec deux signes égal."},
			wantPos: 5,
		},
		{
			name: "French and",
			expr: "age >= 65 et couple",
			want: []string{"erreur d'écriture", "écrivez && ; pour dire « ou », écrivez ||."},
		},
		{
			name: "decimal comma",
			expr: "ressources_mensuelles < 1000 * 1,5",
			want: []string{"écrivez un point : 0.5 et non 0,5."},
		},
		{
			name: "typographic quotes",
			expr: "logement == « locataire »",
			want: []string{"guillemets droits"},
		},
		{
			name: "text and number",
			expr: `age + "ans" == 3`,
			want: []string{"« + » ne s'applique pas à nombre et texte."},
		},
		{
			name:    "accent in a name",
			expr:    "âge >= 25",
			want:    []string{"erreur d'écriture au caractère 1.", "sans accent"},
			wantPos: 1,
		},
		{
			name: "whole number from int()",
			expr: "int(age) + 1 > 3",
			want: []string{"« + » ne s'applique pas à nombre entier et nombre.", "mettez double(…) autour"},
		},
		{
			name: "null",
			expr: "null == age",
			want: []string{"« == » ne s'applique pas à une valeur vide et nombre."},
		},
		{
			name: "unknown answer inside a loop",
			expr: `["a"].exists(x, activite == "chomeur")`,
			want: []string{"« chomeur » n'est pas une réponse possible pour activite."},
		},
		{
			name: "not a condition: a number",
			expr: "ressources_mensuelles * 12",
			want: []string{"La règle doit répondre par vrai ou faux", "Celle-ci donne un nombre."},
		},
		{
			name: "not a condition: a text",
			expr: "logement",
			want: []string{"Celle-ci donne un texte."},
		},
		{
			name: "not a condition: a list",
			expr: "[age, enfants]",
			want: []string{"Celle-ci donne une liste."},
		},
		{
			name: "empty",
			expr: "  \n ",
			want: []string{"La règle est vide."},
		},
		{
			name: "too long",
			expr: strings.Repeat("age > 1 && ", 200) + "true",
			want: []string{"La règle est trop longue : gardez-la sous 2\u00a0000 caractères."},
		},
		{
			name: "too deep",
			expr: strings.Repeat("(", 60) + "true" + strings.Repeat(")", 60),
			want: []string{"trop de parenthèses"},
		},
		{
			name: "too costly",
			expr: "[" + strings.Repeat("1,", 99) + "1].all(x, [" + strings.Repeat("1,", 99) + "1].all(y, [" +
				strings.Repeat("1,", 99) + "1].all(z, x + y + z > 0)))",
			want: []string{"La règle demande trop de calcul."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Compile(tt.expr)
			if err == nil {
				t.Fatalf("Compile(%q) = %v, want an error", tt.expr, r)
			}
			var ruleErr *RuleError
			if !errors.As(err, &ruleErr) {
				t.Fatalf("error %T is not a *RuleError", err)
			}
			for _, part := range tt.want {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not hold %q", err, part)
				}
			}
			if tt.wantPos != 0 && ruleErr.Position != tt.wantPos {
				t.Errorf("Position = %d, want %d", ruleErr.Position, tt.wantPos)
			}
		})
	}
}

func TestCompileAndEval(t *testing.T) {
	e := mustEngine(t)
	a := mustAnswers(t, situation(map[string]string{
		"age": "30", "couple": "oui", "enfants": "3", "enfants_scolarises": "2",
		"ressources_mensuelles": "2000", "activite": "etudiant",
	}))
	tests := []struct {
		expr string
		want bool
	}{
		{"age == 30", true},
		{"age >= 30.5", false},
		{"adultes == 2 && personnes == 5", true},
		{"uc > 2.39 && uc < 2.41", true},                         // 1 + 0.5 + 3 × 0.3
		{"ressources_annuelles == 24000", true},                  // whole literal, decimal answer
		{"ressources_mensuelles < 646 * (1.5 + 0.3 * 3)", false}, // 1550.4
		{"enfants / 2 == 1.5", true},                             // numbers are decimal: no integer division
		{"etudiant && !handicap", true},
		{`taux_incapacite == "aucun" && !restriction_emploi`, true},
		{`activite in ["etudiant", "salarie"]`, true},
		{"size(logement) > 3", true},
		{`enfants_scolarises >= 1 ? couple : false`, true},
		{`["x"].exists(logement, logement == "x")`, true}, // a loop variable hides the answer
		{`double(size(logement)) + 1 > 3`, true},
		{`"bébé" != "enfant" && age > 18`, true}, // accents in quoted texts are fine
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			r, err := e.Compile(tt.expr)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if r.Expr() != tt.expr {
				t.Errorf("Expr() = %q, want %q", r.Expr(), tt.expr)
			}
			got, err := r.Eval(a)
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if got != tt.want {
				t.Errorf("Eval = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEvalMissingAnswer(t *testing.T) {
	e := mustEngine(t)
	r, err := e.Compile("age >= 65 || ressources_mensuelles < 500")
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Eval(mustAnswers(t, map[string]string{"age": "40"}))
	var ruleErr *RuleError
	if !errors.As(err, &ruleErr) || !strings.Contains(err.Error(), "Il manque une réponse") {
		t.Errorf("Eval error = %v, want a French missing-answer error", err)
	}
	// A missing answer that does not change the outcome is no error.
	got, err := r.Eval(mustAnswers(t, map[string]string{"age": "70"}))
	if err != nil || !got {
		t.Errorf("Eval = %v, %v; want true, nil", got, err)
	}
}

func TestEvalErrorMessages(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{interpreter.EvalCancelledError{Message: "operation cancelled: actual cost limit exceeded",
			Cause: interpreter.CostLimitExceeded}, "La règle demande trop de calcul. Simplifiez-la."},
		{errors.New("no such attribute(s): age"), "Il manque une réponse au questionnaire pour calculer cette règle."},
		{errors.New("division by zero"), "La règle divise par zéro."},
		{errors.New("something else"), "La règle n'a pas pu être calculée avec ces réponses."},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			got := evalError(tt.err)
			if got.Message != tt.want {
				t.Errorf("message = %q, want %q", got.Message, tt.want)
			}
			if !errors.Is(got, tt.err) {
				t.Errorf("the cause is lost")
			}
		})
	}
}

func TestCompileCaches(t *testing.T) {
	e := mustEngine(t)
	first, err := e.Compile("age >= 18")
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.Compile("age >= 18")
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Errorf("the same text was compiled twice")
	}
}

func TestCompileCachesFailures(t *testing.T) {
	e := mustEngine(t)
	_, first := e.Compile("agee >= 18")
	_, again := e.Compile("agee >= 18")
	if first == nil || first != again {
		t.Errorf("errors %v and %v, want the same kept error", first, again)
	}
	if r, err := e.Compile("age >= 18"); err != nil || r == nil {
		t.Errorf("Compile of a good rule = %v, %v", r, err)
	}
}

func TestCompileCacheIsBounded(t *testing.T) {
	e := mustEngine(t)
	for i := range maxCachedRules + 10 {
		if _, err := e.Compile("age >= " + strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	e.mu.RLock()
	n := len(e.rules)
	e.mu.RUnlock()
	if n > maxCachedRules {
		t.Errorf("cache holds %d rules, want at most %d", n, maxCachedRules)
	}
}

func TestConcurrentUse(t *testing.T) {
	e := mustEngine(t)
	rules := DefaultRules()
	a := mustAnswers(t, situation(map[string]string{"age": "70", "activite": "retraite", "ressources_mensuelles": "800"}))
	want := e.Simulate(rules, a)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got := e.Simulate(rules, a)
				if len(got) != len(want) {
					t.Errorf("concurrent Simulate gave %d results, want %d", len(got), len(want))
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestVariables(t *testing.T) {
	e := mustEngine(t)
	vars := e.Variables()
	byName := map[string]Variable{}
	for _, v := range vars {
		byName[v.Name] = v
		if v.Description == "" || v.Type == "" {
			t.Errorf("%s has no description or type", v.Name)
		}
	}
	for _, q := range Questions() {
		if _, ok := byName[q.ID]; !ok {
			t.Errorf("answer %s is not a variable", q.ID)
		}
	}
	for _, name := range []string{"adultes", "personnes", "uc", "ressources_annuelles", "etudiant"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("derived value %s is not a variable", name)
		}
	}
	if got := byName["taux_incapacite"].Values; len(got) != 4 || got[3] != "aucun" {
		t.Errorf("taux_incapacite values = %v, want the three options and aucun", got)
	}
	vars[0].Name = "changed"
	if e.Variables()[0].Name == "changed" {
		t.Errorf("Variables returns the engine's own slice")
	}
}
