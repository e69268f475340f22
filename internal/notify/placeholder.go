package notify

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"guichet/internal/errs"
)

// placeholderRE matches ((name)): letters, digits and underscores, as the
// fields and the CSV columns are named.
var placeholderRE = regexp.MustCompile(`\(\(\s*([A-Za-z0-9_]+)\s*\)\)`)

// leftoverRE matches anything that still looks like a placeholder once a
// message is rendered, broken ones included ("((nom" or "((  ))").
var leftoverRE = regexp.MustCompile(`\(\([^()]*\)\)|\(\(\s*[A-Za-z0-9_]+`)

// Placeholders returns the names used in text, each once, in order.
func Placeholders(text string) []string {
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	return names
}

// checkText returns the problems of one template field: placeholders the
// event does not provide, and broken ones.
func checkText(field, text string, known []string) []errs.FieldError {
	var problems []errs.FieldError
	for _, name := range Placeholders(text) {
		if !slices.Contains(known, name) {
			problems = append(problems, errs.FieldError{Field: field, Message: fmt.Sprintf(
				"Le champ ((%s)) n'existe pas pour ce message. Champs possibles : %s.", name, listNames(known))})
		}
	}
	if rest := placeholderRE.ReplaceAllString(text, ""); leftoverRE.MatchString(rest) || strings.Contains(rest, "((") {
		problems = append(problems, errs.FieldError{Field: field, Message: "Un champ est mal écrit : écrivez-le entre doubles parenthèses, par exemple ((reference))."})
	}
	return problems
}

// listNames writes names as ((a)), ((b)).
func listNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "((" + n + "))"
	}
	if len(out) == 0 {
		return "aucun"
	}
	return strings.Join(out, ", ")
}

// render replaces each placeholder of text with its value. It fails rather
// than leave a placeholder in: a message with "((reference))" in it is never
// sent.
func render(text string, data map[string]string) (string, error) {
	var missing []string
	out := placeholderRE.ReplaceAllStringFunc(text, func(m string) string {
		name := placeholderRE.FindStringSubmatch(m)[1]
		v, ok := data[name]
		if !ok {
			missing = append(missing, name)
			return m
		}
		return cleanValue(v)
	})
	if len(missing) > 0 {
		return "", errs.Errorf(errs.Invalid, "Il manque des données pour le message : %s.", listNames(missing))
	}
	if strings.Contains(out, "((") {
		return "", errs.E(errs.Invalid, "Le message contient un champ mal écrit : il n'a pas été envoyé.")
	}
	return out, nil
}
