package eligibility

import (
	"net/url"
	"strconv"
)

// Answers holds the answers given so far, by question ID, already checked
// and typed. The zero value has no answer. Build it with ParseAnswers.
type Answers struct {
	// values holds an int, a float64, a bool or a string per question ID,
	// following the question's kind.
	values map[string]any
}

// Has reports whether the question with this ID has an answer.
func (a Answers) Has(id string) bool {
	_, ok := a.values[id]
	return ok
}

// Int returns the answer to a whole-number question.
func (a Answers) Int(id string) (int, bool) {
	v, ok := a.values[id].(int)
	return v, ok
}

// Float returns the answer to a number question, whole or not.
func (a Answers) Float(id string) (float64, bool) {
	switch v := a.values[id].(type) {
	case float64:
		return v, true
	case int:
		return float64(v), true
	}
	return 0, false
}

// Bool returns the answer to a yes-or-no question.
func (a Answers) Bool(id string) (bool, bool) {
	v, ok := a.values[id].(bool)
	return v, ok
}

// String returns the value of the option chosen for a choice question.
func (a Answers) String(id string) (string, bool) {
	v, ok := a.values[id].(string)
	return v, ok
}

// Len returns the number of answers, hidden questions included.
func (a Answers) Len() int {
	return len(a.values)
}

// Encode returns the answers as form values that ParseAnswers reads back,
// so that pages can carry them from one question to the next.
func (a Answers) Encode() url.Values {
	form := url.Values{}
	for id, v := range a.values {
		switch v := v.(type) {
		case int:
			form.Set(id, strconv.Itoa(v))
		case float64:
			form.Set(id, strconv.FormatFloat(v, 'f', -1, 64))
		case bool:
			form.Set(id, yesNoValue(v))
		case string:
			form.Set(id, v)
		}
	}
	return form
}

// yesNoValue is how a yes-or-no answer is written in forms.
func yesNoValue(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}
