package eligibility

import (
	"net/url"
	"testing"
)

// mustAnswers parses form values that the test expects to be valid.
func mustAnswers(t testing.TB, fields map[string]string) Answers {
	t.Helper()
	form := url.Values{}
	for k, v := range fields {
		form.Set(k, v)
	}
	a, errs := ParseAnswers(form)
	if len(errs) > 0 {
		t.Fatalf("ParseAnswers(%v) errors: %v", fields, errs)
	}
	return a
}

// situation returns a complete set of answers for an adult living alone
// without children or disability, changed by the given fields.
func situation(changes map[string]string) map[string]string {
	fields := map[string]string{
		"age":                   "40",
		"couple":                "non",
		"enfants":               "0",
		"grossesse":             "non",
		"ressources_mensuelles": "0",
		"logement":              "locataire",
		"activite":              "sans_activite",
		"handicap":              "non",
		"residence_reguliere":   "oui",
	}
	for k, v := range changes {
		fields[k] = v
	}
	return fields
}
