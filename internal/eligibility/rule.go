package eligibility

import (
	"errors"
	"maps"
	"strings"
	"time"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
	"github.com/google/cel-go/interpreter"
)

// Rule is a compiled eligibility rule. It is safe for concurrent use.
type Rule struct {
	expr    string
	program cel.Program
	// params names the dated parameters the rule reads, sorted.
	params []string
}

// Params returns the names of the dated parameters the rule reads.
func (r *Rule) Params() []string {
	return append([]string(nil), r.params...)
}

// Expr returns the text of the rule.
func (r *Rule) Expr() string {
	return r.expr
}

// Eval tells whether the answers satisfy the rule. It fails with a
// *RuleError when the rule needs an answer that is missing or cannot be
// computed.
// The parameters are those in force on the day of the call; use EvalOn
// for another day.
func (r *Rule) Eval(a Answers) (bool, error) {
	return r.EvalOn(a, time.Now())
}

// EvalOn is Eval with the parameters in force on the given day.
func (r *Rule) EvalOn(a Answers, day time.Time) (bool, error) {
	vars := activation(a)
	pv, _, _ := DefaultParams().values(day)
	maps.Copy(vars, pv)
	return r.eval(vars)
}

// eval evaluates the rule over prepared variables: a map, or an
// activation shared by several rules.
func (r *Rule) eval(vars any) (bool, error) {
	out, _, err := r.program.Eval(vars)
	if err != nil {
		return false, evalError(err)
	}
	b, ok := out.Value().(bool)
	if !ok {
		return false, &RuleError{Message: "La règle n'a pas donné vrai ou faux."}
	}
	return b, nil
}

// RuleError is a rule that cannot be compiled or evaluated, explained in
// plain French for the procedure owner.
type RuleError struct {
	// Message says what is wrong and, when it can, what to write instead.
	Message string
	// Position is the place of the problem in the rule, counted in
	// characters from 1, or 0 when there is no single place.
	Position int

	cause error
}

// Error returns the French message.
func (e *RuleError) Error() string {
	return e.Message
}

// Unwrap returns the CEL error behind the message, if any, for logs.
func (e *RuleError) Unwrap() error {
	return e.cause
}

// evalError explains an evaluation failure.
func evalError(err error) *RuleError {
	msg := err.Error()
	var cancelled interpreter.EvalCancelledError
	switch {
	case errors.As(err, &cancelled) || strings.Contains(msg, "cost limit exceeded"):
		return tooCostly(err)
	case strings.Contains(msg, "no such attribute"):
		return &RuleError{Message: "Il manque une réponse au questionnaire pour calculer cette règle.", cause: err}
	case strings.Contains(msg, "division by zero") || strings.Contains(msg, "modulus by zero"):
		return &RuleError{Message: "La règle divise par zéro.", cause: err}
	}
	return &RuleError{Message: "La règle n'a pas pu être calculée avec ces réponses.", cause: err}
}

// tooCostly is the error for a rule that asks for too much work.
func tooCostly(cause error) *RuleError {
	return &RuleError{Message: "La règle demande trop de calcul. Simplifiez-la.", cause: cause}
}

// sizeEstimator tells the cost estimate that text answers are short, so
// that comparing them is cheap: they are option values.
type sizeEstimator struct{}

// EstimateSize bounds the size of text variables.
func (sizeEstimator) EstimateSize(node checker.AstNode) *checker.SizeEstimate {
	if len(node.Path()) == 1 && node.Type().IsExactType(cel.StringType) {
		return &checker.SizeEstimate{Min: 0, Max: 32}
	}
	return nil
}

// EstimateCallCost leaves the cost of calls to CEL's defaults.
func (sizeEstimator) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}
