package eligibility

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/ast"
	"github.com/google/cel-go/common/operators"
	"github.com/google/cel-go/common/types"
)

// unreadable starts every message about a rule that does not compile.
const unreadable = "La règle ne se lit pas : "

// issueError explains the first problem CEL found in a rule.
func (e *Engine) issueError(expr string, issue *cel.Error) *RuleError {
	msg := issue.Message
	pos := position(expr, issue.Location.Line(), issue.Location.Column())
	if name, ok := between(msg, "undeclared reference to '", "'"); ok {
		return &RuleError{Message: e.unknownName(expr, name), Position: pos}
	}
	if fn, ok := between(msg, "found no matching overload for '", "'"); ok {
		args, _ := between(msg, "applied to '(", ")'")
		text := unreadable + "« " + operatorName(fn) + " » ne s'applique pas à " + argsNoun(args) + "."
		if strings.Contains(args, "int") && strings.Contains(args, "double") {
			text += " size() et int() donnent des nombres entiers : mettez double(…) autour."
		}
		return &RuleError{Position: pos, Message: text}
	}
	if strings.Contains(msg, "recursion limit") {
		return &RuleError{Message: "La règle a trop de parenthèses ou d'opérations les unes dans les autres. Découpez-la."}
	}
	text := unreadable + "erreur d'écriture au caractère " + strconv.Itoa(pos) + "."
	if hint := syntaxHint(expr); hint != "" {
		text += " " + hint
	}
	return &RuleError{Message: text, Position: pos}
}

// unknownName explains a name the environment does not know, and suggests
// the closest one.
func (e *Engine) unknownName(expr, name string) string {
	if calledAsFunction(expr, name) {
		return unreadable + "fonction inconnue « " + name + " »."
	}
	names := make([]string, 0, len(e.vars))
	for _, v := range e.vars {
		if slices.Contains(v.Values, name) {
			return unreadable + "variable inconnue « " + name + " ». Si c'est une réponse, " +
				"écrivez-la entre guillemets : \"" + name + "\"."
		}
		names = append(names, v.Name)
	}
	text := unreadable + "variable inconnue « " + name + " »."
	if near := closest(name, names); near != "" {
		text += " Vouliez-vous dire « " + near + " » ?"
	}
	return text + " Variables possibles : " + strings.Join(names, ", ") + "."
}

// calledAsFunction reports whether name appears in expr as a whole word
// followed by an opening parenthesis, as in "foo(1)" or "x.foo()".
func calledAsFunction(expr, name string) bool {
	for i := 0; ; {
		at := strings.Index(expr[i:], name)
		if at < 0 {
			return false
		}
		start, end := i+at, i+at+len(name)
		before := start == 0 || !isWordByte(expr[start-1])
		if before && strings.HasPrefix(strings.TrimLeft(expr[end:], " \t\n"), "(") {
			return true
		}
		i = end
	}
}

// isWordByte reports whether b can be part of a CEL identifier.
func isWordByte(b byte) bool {
	return b == '_' || isDigit(b) || (b|0x20 >= 'a' && b|0x20 <= 'z')
}

// checkChoiceValues refuses a comparison between a text answer and a
// value that is not one of its options, such as logement == "locatair",
// which would silently never be true.
func (e *Engine) checkChoiceValues(checked *cel.Ast) *RuleError {
	native := checked.NativeRep()
	calls := ast.MatchDescendants(ast.NavigateAST(native), ast.KindMatcher(ast.CallKind))
	for _, call := range calls {
		fn, args := call.AsCall().FunctionName(), call.AsCall().Args()
		var pairs [][2]ast.Expr
		switch fn {
		case operators.Equals, operators.NotEquals:
			pairs = [][2]ast.Expr{{args[0], args[1]}, {args[1], args[0]}}
		case operators.In:
			if args[1].Kind() == ast.ListKind {
				for _, el := range args[1].AsList().Elements() {
					pairs = append(pairs, [2]ast.Expr{args[0], el})
				}
			}
		}
		local := loopVariables(call)
		for _, p := range pairs {
			if p[0].Kind() == ast.IdentKind && local[p[0].AsIdent()] {
				continue
			}
			if err := e.checkChoiceValue(native, p[0], p[1]); err != nil {
				return err
			}
		}
	}
	return nil
}

// loopVariables returns the names that comprehensions around expr bind,
// as x in list.exists(x, …): they hide the answers of the same name.
func loopVariables(expr ast.NavigableExpr) map[string]bool {
	names := map[string]bool{}
	for p, ok := expr.Parent(); ok; p, ok = p.Parent() {
		if p.Kind() == ast.ComprehensionKind {
			c := p.AsComprehension()
			names[c.IterVar()] = true
			if c.HasIterVar2() {
				names[c.IterVar2()] = true
			}
		}
	}
	return names
}

// checkChoiceValue checks one variable compared with one literal.
func (e *Engine) checkChoiceValue(native *ast.AST, variable, literal ast.Expr) *RuleError {
	if variable.Kind() != ast.IdentKind || literal.Kind() != ast.LiteralKind {
		return nil
	}
	value, ok := literal.AsLiteral().(types.String)
	if !ok {
		return nil
	}
	for _, v := range e.vars {
		if v.Name != variable.AsIdent() || len(v.Values) == 0 || slices.Contains(v.Values, string(value)) {
			continue
		}
		pos := 0
		if r, ok := native.SourceInfo().GetOffsetRange(literal.ID()); ok {
			pos = int(r.Start) + 1
		}
		return &RuleError{Position: pos, Message: unreadable + "« " + string(value) +
			" » n'est pas une réponse possible pour " + v.Name + ". Réponses possibles : " +
			strings.Join(v.Values, ", ") + "."}
	}
	return nil
}

// syntaxHint guesses the usual mistakes of someone new to CEL.
func syntaxHint(expr string) string {
	padded := " " + strings.ToLower(expr) + " "
	bare := strings.NewReplacer("==", "", "!=", "", "<=", "", ">=", "").Replace(expr)
	switch {
	case strings.Contains(bare, "="):
		return "Pour comparer, écrivez == avec deux signes égal."
	case strings.Contains(padded, " et ") || strings.Contains(padded, " ou ") ||
		strings.Contains(padded, " and ") || strings.Contains(padded, " or "):
		return "Pour dire « et », écrivez && ; pour dire « ou », écrivez ||."
	case strings.ContainsAny(expr, "«»“”"):
		return "Écrivez les textes entre guillemets droits, par exemple \"locataire\"."
	case hasDecimalComma(expr):
		return "Pour un nombre à virgule, écrivez un point : 0.5 et non 0,5."
	case hasAccentOutsideQuotes(expr):
		return "Écrivez les noms sans accent, par exemple age et non âge."
	}
	return ""
}

// hasAccentOutsideQuotes reports a letter outside ASCII that is not in a
// quoted text, as in "âge >= 25".
func hasAccentOutsideQuotes(expr string) bool {
	var quote rune
	for _, r := range expr {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
		case r == '"' || r == '\'':
			quote = r
		case r > unicode.MaxASCII && unicode.IsLetter(r):
			return true
		}
	}
	return false
}

// hasDecimalComma reports a comma between two digits, as in "0,5".
func hasDecimalComma(expr string) bool {
	for i := 1; i+1 < len(expr); i++ {
		if expr[i] == ',' && isDigit(expr[i-1]) && isDigit(expr[i+1]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// position turns a CEL line (from 1) and column (from 0, in characters)
// into a character position in the whole rule, from 1.
func position(expr string, line, column int) int {
	lines := strings.SplitAfter(expr, "\n")
	pos := column + 1
	for i := 0; i < line-1 && i < len(lines); i++ {
		pos += len([]rune(lines[i]))
	}
	return pos
}

// between returns the text of s between the first start and the next end.
func between(s, start, end string) (string, bool) {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	inside, _, ok := strings.Cut(after, end)
	return inside, ok
}
