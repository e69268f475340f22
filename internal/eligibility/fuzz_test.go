package eligibility

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzCompile feeds arbitrary rules to Compile and evaluates the ones that
// compile: nothing may panic, every error must be a French *RuleError, and
// its position must fall inside the rule.
func FuzzCompile(f *testing.F) {
	for _, spec := range DefaultRules() {
		f.Add(spec.Expr)
	}
	e, err := NewEngine()
	if err != nil {
		f.Fatal(err)
	}
	complete := mustAnswers(f, situation(map[string]string{"enfants": "2", "enfants_scolarises": "1"}))
	partial := mustAnswers(f, map[string]string{"age": "30"})
	f.Fuzz(func(t *testing.T, expr string) {
		r, err := e.Compile(expr)
		if err != nil {
			checkRuleError(t, expr, err)
			return
		}
		for _, a := range []Answers{complete, partial} {
			if _, err := r.Eval(a); err != nil {
				checkRuleError(t, expr, err)
			}
		}
	})
}

// checkRuleError checks the shape of an error returned to an owner.
func checkRuleError(t *testing.T, expr string, err error) {
	t.Helper()
	var ruleErr *RuleError
	if !errors.As(err, &ruleErr) {
		t.Fatalf("Compile(%q): error %T %v is not a *RuleError", expr, err, err)
	}
	if ruleErr.Message == "" || !utf8.ValidString(ruleErr.Message) {
		t.Fatalf("Compile(%q): empty or invalid message", expr)
	}
	if ruleErr.Position < 0 || ruleErr.Position > utf8.RuneCountInString(expr)+1 {
		t.Fatalf("Compile(%q): position %d outside the rule", expr, ruleErr.Position)
	}
}
