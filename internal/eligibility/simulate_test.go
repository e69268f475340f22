package eligibility

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSimulate(t *testing.T) {
	e := mustEngine(t)
	rules := map[string]RuleSpec{
		"z-senior":   {Expr: "age >= 65", Reason: "Vous avez 65 ans ou plus."},
		"a-adult":    {Expr: "age >= 18", Reason: "Vous êtes majeur."},
		"m-minor":    {Expr: "age < 18", Reason: "Vous êtes mineur."},
		"broken":     {Expr: "agee >= 18", Reason: "Jamais."},
		"needs-more": {Expr: "ressources_mensuelles < 1000", Reason: "Il manque la réponse."},
	}
	a := mustAnswers(t, map[string]string{"age": "70"})
	want := []Result{
		{Slug: "a-adult", Reason: "Vous êtes majeur."},
		{Slug: "z-senior", Reason: "Vous avez 65 ans ou plus."},
	}
	if diff := cmp.Diff(want, e.Simulate(rules, a)); diff != "" {
		t.Errorf("Simulate (-want +got):\n%s", diff)
	}
	if got := e.Simulate(nil, a); len(got) != 0 {
		t.Errorf("Simulate(nil) = %v, want nothing", got)
	}
}

func TestCheckRules(t *testing.T) {
	e := mustEngine(t)
	errs := e.CheckRules(map[string]RuleSpec{
		"fine":       {Expr: "age >= 18"},
		"typo":       {Expr: "agee >= 18"},
		"not-a-test": {Expr: "age + 1"},
	})
	if len(errs) != 2 || errs["typo"] == nil || errs["not-a-test"] == nil {
		t.Fatalf("CheckRules = %v, want errors for typo and not-a-test", errs)
	}
	var ruleErr *RuleError
	if !errors.As(errs["typo"], &ruleErr) {
		t.Errorf("error %T is not a *RuleError", errs["typo"])
	}
}

func BenchmarkSimulate(b *testing.B) {
	e := mustEngine(b)
	rules := DefaultRules()
	a := mustAnswers(b, situation(map[string]string{
		"age": "34", "enfants": "2", "enfants_scolarises": "2", "ressources_mensuelles": "1300", "activite": "salarie",
	}))
	if got := e.Simulate(rules, a); len(got) != 6 {
		b.Fatalf("Simulate found %d procedures, want 6", len(got))
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Simulate(rules, a)
	}
}

func BenchmarkCompile(b *testing.B) {
	e := mustEngine(b)
	expr := DefaultRules()["rsa"].Expr
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.compile(expr); err != nil {
			b.Fatal(err)
		}
	}
}
