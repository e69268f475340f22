package database_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// queryMethods are the database/sql methods whose first argument after the
// context (or first argument, for the variants without one) is the SQL text.
var queryMethods = map[string]int{
	"ExecContext": 1, "QueryContext": 1, "QueryRowContext": 1, "PrepareContext": 1,
	"Exec": 0, "Query": 0, "QueryRow": 0, "Prepare": 0,
}

// sqlStart matches text that begins like a SQL statement.
var sqlStart = regexp.MustCompile(`(?i)^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|PRAGMA)\b`)

// TestSQLIsNamedBesideItsFunction keeps SQL one way in every module: a
// statement is a named constant placed just above the function that runs it
// (const organisationIDSQL = `SELECT ...`), never a literal written inside
// the call. It walks every non-test Go file under internal/ (the migrations
// are .sql files, not Go; test-support packages are left out) and fails on a call to ExecContext,
// QueryContext, QueryRowContext or PrepareContext (or their variants without
// a context) whose SQL argument is, or starts with, a string literal that
// reads like a statement. Text built from a named constant plus a dynamic
// part (selectPlacesSQL + where) passes.
func TestSQLIsNamedBesideItsFunction(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..")
	fset := token.NewFileSet()
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// Test-support packages (dbtest, testkit, oidctest) build
			// throw-away schemas from names; they are not modules.
			name := d.Name()
			if name == "testdata" || name == "migrations" || name == "testkit" || strings.HasSuffix(name, "test") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		found = append(found, inlineSQL(fset, file)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s: SQL written inside the call; name it as a constant above its function", f)
	}
}

// inlineSQL returns the positions in file of calls whose SQL argument is
// written as a literal.
func inlineSQL(fset *token.FileSet, file *ast.File) []string {
	var found []string
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		i, ok := queryMethods[sel.Sel.Name]
		if !ok || len(call.Args) <= i {
			return true
		}
		if lit := leftmostLiteral(call.Args[i]); lit != nil {
			if s, err := strconv.Unquote(lit.Value); err == nil && sqlStart.MatchString(s) {
				found = append(found, fset.Position(lit.Pos()).String())
			}
		}
		return true
	})
	return found
}

// leftmostLiteral returns the string literal that starts expression e (e
// itself, or the first operand of a chain of + and parentheses), or nil.
func leftmostLiteral(e ast.Expr) *ast.BasicLit {
	for {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind == token.STRING {
				return x
			}
			return nil
		case *ast.ParenExpr:
			e = x.X
		case *ast.BinaryExpr:
			if x.Op != token.ADD {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}
