package eligibility

import (
	"math"
	"net/url"
	"strings"
)

// ParseAnswers reads the answers of a questionnaire form. It returns the
// answers it could read, and a plain-French message per question ID whose
// value could not be read. An empty value is no answer, not an error: the
// page decides whether the question it just asked was answered.
//
// Questions hidden by earlier answers get their WhenHidden value, whatever
// the form says, so that an answer the person no longer sees cannot count.
func ParseAnswers(form url.Values) (Answers, map[string]string) {
	a := Answers{values: map[string]any{}}
	errs := map[string]string{}
	// One pass in questionnaire order is enough: a question's visibility
	// depends only on the questions before it.
	for _, q := range Questions() {
		if !q.Visible(a) {
			a.values[q.ID] = hiddenValue(q)
			continue
		}
		raw := strings.TrimSpace(form.Get(q.ID))
		if raw == "" {
			continue
		}
		v, msg := parseValue(q, raw)
		if msg != "" {
			errs[q.ID] = msg
			continue
		}
		a.values[q.ID] = v
		if q.Check == nil {
			continue
		}
		if msg := q.Check(a); msg != "" {
			delete(a.values, q.ID)
			errs[q.ID] = msg
		}
	}
	return a, errs
}

// parseValue reads one answer: an int or float64 for a Number question, a
// bool for YesNo, the option value for Choice. The message says what to
// write instead when the answer cannot be read.
func parseValue(q Question, raw string) (any, string) {
	switch q.Kind {
	case Number:
		return parseNumberAnswer(q, raw)
	case YesNo:
		switch strings.ToLower(raw) {
		case "oui", "o", "true", "1":
			return true, ""
		case "non", "n", "false", "0":
			return false, ""
		}
		return nil, "Répondez par oui ou par non."
	case Choice:
		if o, ok := q.option(strings.ToLower(raw)); ok {
			return o.Value, ""
		}
		return nil, "Choisissez une des réponses proposées."
	}
	return nil, "Cette question n'attend pas de réponse."
}

// parseNumberAnswer reads a Number answer and checks its bounds.
func parseNumberAnswer(q Question, raw string) (any, string) {
	invalid := q.Invalid
	if invalid == "" {
		invalid = "Écrivez un nombre en chiffres, par exemple 12."
	}
	f, ok := parseFrenchNumber(raw)
	if !ok || (q.Integer && f != math.Trunc(f)) {
		return nil, invalid
	}
	if f < q.Min || f > q.Max {
		msg := "Indiquez un nombre entre " + formatFrench(q.Min) + " et " + formatFrench(q.Max)
		if q.Unit != "" {
			msg += " " + q.Unit
		}
		return nil, msg + "."
	}
	if q.Integer {
		return int(f), ""
	}
	return f, ""
}

// hiddenValue is the typed WhenHidden value of a question. A Choice
// question may use a value outside its options ("aucun"), which rules can
// then test.
func hiddenValue(q Question) any {
	if q.Kind == Choice {
		return q.WhenHidden
	}
	v, _ := parseValue(q, q.WhenHidden)
	return v
}
