package eligibility

// Kind is the kind of answer a question expects.
type Kind int

// The kinds of answer. Each one is shown with a different form control.
const (
	// Number expects a number typed in a text field.
	Number Kind = iota + 1
	// Choice expects one of the question's Options, shown as radio buttons.
	Choice
	// YesNo expects "oui" or "non".
	YesNo
)

// String returns the kind's name, for debugging and logs.
func (k Kind) String() string {
	switch k {
	case Number:
		return "number"
	case Choice:
		return "choice"
	case YesNo:
		return "yesno"
	}
	return "unknown"
}

// Option is one possible answer to a Choice question.
type Option struct {
	// Value is what the form sends and what rules compare with.
	Value string
	// Label is what the person reads.
	Label string
}

// Question is one page of the questionnaire.
type Question struct {
	// ID names the answer in forms and in rules (a CEL variable).
	ID string
	// Label is the question itself, in plain French.
	Label string
	// Hint helps to answer; it is shown under the label.
	Hint string
	// Kind says which answer is expected.
	Kind Kind
	// Integer is true when a Number answer must be a whole number. Rules
	// see every number as a double all the same.
	Integer bool
	// Unit is written after the field of a Number question ("ans").
	Unit string
	// Min and Max bound a Number answer, both included.
	Min, Max float64
	// Options lists the answers of a Choice question, in display order.
	Options []Option
	// Invalid is the message shown when the answer cannot be read.
	Invalid string
	// ShowIf, when set, tells from the earlier answers whether the question
	// is asked. It must return true while those answers are still missing,
	// so that the number of questions left only goes down.
	ShowIf func(Answers) bool
	// WhenHidden is the answer assumed when ShowIf hides the question,
	// written as a form would send it ("0", "non"), so that rules always
	// see a value.
	WhenHidden string
	// Check, when set, compares the answer with the earlier ones and
	// returns a message when they contradict each other, or "".
	Check func(Answers) string
}

// Visible reports whether the question is asked, given the answers so far.
func (q Question) Visible(a Answers) bool {
	return q.ShowIf == nil || q.ShowIf(a)
}

// MissingMessage is the message to show when the person continues without
// answering the question.
func (q Question) MissingMessage() string {
	if q.Kind == Number {
		return "Écrivez un nombre pour continuer."
	}
	return "Choisissez une réponse pour continuer."
}

// option returns the option with the given value.
func (q Question) option(value string) (Option, bool) {
	for _, o := range q.Options {
		if o.Value == value {
			return o, true
		}
	}
	return Option{}, false
}
