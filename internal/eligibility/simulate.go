package eligibility

import (
	"maps"
	"slices"

	"github.com/google/cel-go/cel"
)

// RuleSpec is the eligibility rule of one procedure, as its owner writes
// it.
type RuleSpec struct {
	// Expr is a CEL condition over the answers, such as "age >= 65".
	Expr string
	// Reason is the plain sentence shown to the person when Expr is true.
	Reason string
}

// Result is a procedure the person may be entitled to.
type Result struct {
	// Slug names the procedure in the catalogue.
	Slug string
	// Reason tells the person why, in plain words.
	Reason string
}

// Simulate returns, sorted by slug, the procedures whose rule the answers
// satisfy. A rule that does not compile, or that cannot be computed with
// these answers (an answer is missing), is left out: the result lists
// only what the answers show. Use CheckRules to find broken rules.
func (e *Engine) Simulate(rules map[string]RuleSpec, a Answers) []Result {
	// One activation for all rules: the answers are converted once.
	vars, err := cel.NewActivation(activation(a))
	if err != nil {
		return nil
	}
	var results []Result
	for _, slug := range slices.Sorted(maps.Keys(rules)) {
		spec := rules[slug]
		r, err := e.Compile(spec.Expr)
		if err != nil {
			continue
		}
		if ok, err := r.eval(vars); err == nil && ok {
			results = append(results, Result{Slug: slug, Reason: spec.Reason})
		}
	}
	return results
}

// CheckRules compiles every rule and returns the error of each one that
// does not compile, by slug; the map is empty when all are fine. Run it
// when rules are loaded or saved.
func (e *Engine) CheckRules(rules map[string]RuleSpec) map[string]error {
	errs := map[string]error{}
	for slug, spec := range rules {
		if _, err := e.Compile(spec.Expr); err != nil {
			errs[slug] = err
		}
	}
	return errs
}
