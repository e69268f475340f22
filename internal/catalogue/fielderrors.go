package catalogue

import (
	"errors"
	"strings"

	"guichet/internal/errs"
)

// FieldError is one problem with one field of a procedure, in plain French. Field is the name
// of the form field, as listed in the Field constants.
type FieldError struct {
	Field, Message string
}

// FieldErrors lists every problem found in a procedure, so that a form can show them all at
// once. Through Unwrap it is an errs.Invalid error, so adapters that know nothing of it still
// answer 400 with the first message.
type FieldErrors []FieldError

// Error joins the messages.
func (fe FieldErrors) Error() string {
	msgs := make([]string, len(fe))
	for i, e := range fe {
		msgs[i] = e.Field + ": " + e.Message
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns one errs.InvalidField per problem.
func (fe FieldErrors) Unwrap() []error {
	out := make([]error, len(fe))
	for i, e := range fe {
		out[i] = errs.InvalidField(e.Field, e.Message)
	}
	return out
}

// add records a problem.
func (fe *FieldErrors) add(field, message string) {
	*fe = append(*fe, FieldError{field, message})
}

// err returns fe as an error, or nil when it is empty.
func (fe FieldErrors) err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// AsFieldErrors returns the problems carried by err: all of them for a FieldErrors, the one
// field of an errs.InvalidField, and nil for any other error.
func AsFieldErrors(err error) FieldErrors {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	if errs.Is(err, errs.Invalid) && errs.FieldOf(err) != "" {
		return FieldErrors{{errs.FieldOf(err), errs.MessageOf(err)}}
	}
	return nil
}
