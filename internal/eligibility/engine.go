package eligibility

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/types"
)

// Limits that keep a procedure owner's rule from hogging the server. A
// realistic rule costs a few dozen units and holds a few hundred
// characters.
const (
	// maxRuleLength is the longest rule accepted, in characters.
	maxRuleLength = 2000
	// maxNesting is how deep parentheses and operators may nest.
	maxNesting = 50
	// costLimit bounds the work of one evaluation, in CEL cost units; a
	// rule whose worst case exceeds it is refused when compiled.
	costLimit = 10_000
	// maxCachedRules bounds the compiled-rule cache; past it the cache
	// starts again from empty, which only costs recompiling.
	maxCachedRules = 1024
)

// Engine compiles eligibility rules and keeps them compiled. It is safe
// for concurrent use; build one when the server starts.
type Engine struct {
	env    *cel.Env
	vars   []Variable
	params Params

	mu    sync.RWMutex
	rules map[string]compiled
}

// compiled is the outcome of compiling one rule text. Failures are kept
// too, so that a broken rule left in a catalogue costs nothing per
// simulation.
type compiled struct {
	rule *Rule
	err  error
}

// NewEngine builds the CEL environment: every answer of Questions, with
// its type, the derived values adultes, personnes, uc,
// ressources_annuelles and etudiant, and the dated parameters of
// DefaultParams.
func NewEngine() (*Engine, error) {
	params := DefaultParams()
	vars := variables()
	for _, name := range params.Names() {
		p := params[name]
		vars = append(vars, Variable{Name: name, Type: "nombre", celType: cel.DoubleType,
			Description: "Paramètre daté (" + p.Unit + ") : " + p.Description + "."})
	}
	opts := []cel.EnvOption{
		// Results of size() and int() are whole numbers; let rules
		// compare them with decimal answers and literals.
		cel.CrossTypeNumericComparisons(true),
		cel.ParserExpressionSizeLimit(maxRuleLength),
		cel.ParserRecursionLimit(maxNesting),
	}
	for _, v := range vars {
		opts = append(opts, cel.Variable(v.Name, v.celType))
	}
	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, err
	}
	return &Engine{env: env, vars: vars, params: params, rules: map[string]compiled{}}, nil
}

// Variables lists the names rules can use, answers first, then derived
// values.
func (e *Engine) Variables() []Variable {
	return append([]Variable(nil), e.vars...)
}

// Compile checks a rule and prepares it for evaluation. The rule must give
// true or false. The error is a *RuleError whose message, in plain French,
// tells the procedure owner what to fix. The outcome is kept, so compiling
// the same text again is cheap.
func (e *Engine) Compile(expr string) (*Rule, error) {
	e.mu.RLock()
	c, ok := e.rules[expr]
	e.mu.RUnlock()
	if !ok {
		// Two callers may compile the same text at once; both get an
		// equivalent rule, and the cache keeps the last one.
		c.rule, c.err = e.compile(expr)
		e.mu.Lock()
		if len(e.rules) >= maxCachedRules {
			clear(e.rules)
		}
		e.rules[expr] = c
		e.mu.Unlock()
	}
	if c.err != nil {
		return nil, c.err
	}
	return c.rule, nil
}

// compile does the work of Compile, without the cache.
func (e *Engine) compile(expr string) (*Rule, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, &RuleError{Message: "La règle est vide. Écrivez une condition, par exemple « age >= 65 »."}
	}
	if utf8.RuneCountInString(expr) > maxRuleLength {
		return nil, &RuleError{Message: "La règle est trop longue : gardez-la sous " +
			formatFrench(maxRuleLength) + " caractères."}
	}
	parsed, iss := e.env.Parse(expr)
	if iss.Err() != nil {
		return nil, e.issueError(expr, iss.Errors()[0])
	}
	promoteIntLiterals(parsed)
	ast, iss := e.env.Check(parsed)
	if iss.Err() != nil {
		return nil, e.issueError(expr, iss.Errors()[0])
	}
	if out := ast.OutputType(); !out.IsExactType(cel.BoolType) {
		return nil, &RuleError{Message: "La règle doit répondre par vrai ou faux, par exemple « age >= 65 ». " +
			"Celle-ci donne " + typeNoun(out.String()) + "."}
	}
	if err := e.checkChoiceValues(ast); err != nil {
		return nil, err
	}
	if cost, err := e.env.EstimateCost(ast, sizeEstimator{}); err == nil && cost.Max > costLimit {
		return nil, tooCostly(nil)
	}
	prg, err := e.env.Program(ast, cel.CostLimit(costLimit), cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return nil, &RuleError{Message: "La règle ne se lit pas. Vérifiez son écriture.", cause: err}
	}
	return &Rule{expr: expr, program: prg, params: e.usedParams(ast)}, nil
}

// Params returns the dated parameters rules can use.
func (e *Engine) Params() Params {
	return e.params
}

// usedParams lists, sorted, the parameters a checked rule reads.
func (e *Engine) usedParams(checked *cel.Ast) []string {
	var names []string
	for _, ref := range checked.NativeRep().ReferenceMap() {
		if _, ok := e.params[ref.Name]; ok && !slices.Contains(names, ref.Name) {
			names = append(names, ref.Name)
		}
	}
	slices.Sort(names)
	return names
}

// promoteIntLiterals turns every whole-number literal into a decimal
// one, so that rules can mix them with decimal answers, as in
// "646 * uc", which plain CEL refuses. With every answer a double too,
// a rule author never meets the difference between int and double.
func promoteIntLiterals(parsed *cel.Ast) {
	fac := ast.NewExprFactory()
	ast.PostOrderVisit(parsed.NativeRep().Expr(), ast.NewExprVisitor(func(e ast.Expr) {
		if e.Kind() != ast.LiteralKind {
			return
		}
		if n, ok := e.AsLiteral().(types.Int); ok {
			e.SetKindCase(fac.NewLiteral(e.ID(), types.Double(n)))
		}
	}))
}
