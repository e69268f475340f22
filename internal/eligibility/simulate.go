package eligibility

import (
	"maps"
	"slices"
	"time"

	"github.com/google/cel-go/cel"
)

// RuleSpec is the eligibility rule of one procedure, as its owner writes
// it.
type RuleSpec struct {
	// Expr is a CEL condition over the answers and the dated parameters,
	// such as "age >= aspa_age".
	Expr string
	// Reason is the plain sentence shown to the person when Expr is true.
	Reason string
	// Unchecked lists the conditions the rule cannot check with the
	// questionnaire (assets, income of two years before…), each a short
	// sentence, shown with every result.
	Unchecked []string
	// Link is the official page on the aid.
	Link string
	// Online is the path of the procedure on Guichet when it can be done
	// here, or "".
	Online string
	// Renewal says how often the aid must be asked again or declared.
	Renewal string
}

// Result is a procedure the person may be entitled to.
type Result struct {
	// Slug names the procedure in the catalogue.
	Slug string
	// Reason tells the person why, in plain words.
	Reason string
}

// Simulate returns, sorted by slug, the procedures whose rule the answers
// satisfy with the parameters in force today. A rule that does not
// compile, that cannot be computed with these answers (an answer is
// missing), or whose parameters are out of date, is left out: the result
// lists only what the answers show. Use CheckRules to find broken rules.
func (e *Engine) Simulate(rules map[string]RuleSpec, a Answers) []Result {
	return e.SimulateOn(rules, a, time.Now())
}

// SimulateOn is Simulate with the parameters in force on the given day.
func (e *Engine) SimulateOn(rules map[string]RuleSpec, a Answers, day time.Time) []Result {
	var results []Result
	for _, o := range e.Evaluate(rules, a, day) {
		if o.Eligible != nil && *o.Eligible {
			results = append(results, Result{Slug: o.Slug, Reason: o.Reasons[0]})
		}
	}
	return results
}

// Outcome is the a priori answer of one rule.
type Outcome struct {
	Slug string
	// Eligible is true or false, or nil when the answers are not enough,
	// the rule is broken or its parameters are out of date.
	Eligible *bool
	// Reasons explain the answer in plain words.
	Reasons []string
	// Unchecked lists what the rule could not check.
	Unchecked []string
	// ParametersDate is the date of the newest parameter value the rule
	// used, "2026-04-01", or "" when it uses no parameter.
	ParametersDate string
	// Stale names the parameters that are out of date on the day.
	Stale []string
	// Link, Online and Renewal come from the rule.
	Link, Online, Renewal string
}

// The reasons of an answer that is not yes.
const (
	reasonNo      = "D'après vos réponses, les conditions ne semblent pas remplies."
	reasonMissing = "Vos réponses ne suffisent pas pour le dire."
	reasonBroken  = "La règle de cette aide est en cours de correction."
	reasonStale   = "Les montants de cette aide sont en cours de mise à jour : Guichet ne peut pas répondre pour l'instant."
)

// Evaluate answers every rule, sorted by slug, with the parameters in
// force on the given day: yes, no, or nil when it cannot tell. A rule
// never says yes or no with a parameter past its review date.
func (e *Engine) Evaluate(rules map[string]RuleSpec, a Answers, day time.Time) []Outcome {
	pv, from, stale := e.params.values(day)
	vars := activation(a)
	maps.Copy(vars, pv)
	// One activation for all rules: the answers are converted once.
	act, err := cel.NewActivation(vars)
	if err != nil {
		return nil
	}
	out := make([]Outcome, 0, len(rules))
	for _, slug := range slices.Sorted(maps.Keys(rules)) {
		spec := rules[slug]
		o := Outcome{Slug: slug, Unchecked: append([]string{}, spec.Unchecked...),
			Link: spec.Link, Online: spec.Online, Renewal: spec.Renewal}
		r, err := e.Compile(spec.Expr)
		if err != nil {
			o.Reasons = []string{reasonBroken}
			out = append(out, o)
			continue
		}
		for _, p := range r.params {
			if from[p] > o.ParametersDate {
				o.ParametersDate = from[p]
			}
			if slices.Contains(stale, p) {
				o.Stale = append(o.Stale, p)
			}
		}
		switch ok, err := r.eval(act); {
		case len(o.Stale) > 0:
			o.Reasons = []string{reasonStale}
		case err != nil:
			o.Reasons = []string{reasonMissing}
		case ok:
			o.Eligible, o.Reasons = &ok, []string{spec.Reason}
		default:
			o.Eligible, o.Reasons = &ok, []string{reasonNo}
		}
		out = append(out, o)
	}
	return out
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
