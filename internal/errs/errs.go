// Package errs carries the kind of an application error and a message safe
// to show to a person, apart from the internal cause that only the logs see.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the HTTP adapters.
type Kind int

// The kinds of application errors.
const (
	Internal     Kind = iota // unexpected: logged, shown as a generic 500 page
	NotFound                 // 404
	Forbidden                // 403
	Unauthorized             // 401: sign-in needed
	Invalid                  // 400 or 422: bad input, the message says what to fix
	Conflict                 // 409
	TooMany                  // 429: throttled
)

// Error is an application error: its Kind, a plain-French Message safe to
// show, and the underlying cause for the logs.
type Error struct {
	Kind    Kind
	Message string
	Err     error
	// Fields lists, for an Invalid error, every problem with a form field,
	// in the order of the form as the module gives it.
	Fields []FieldError
}

// FieldError is one problem with one field of a form, in plain French.
// It is the one field-error type of every module: a module returns them in
// an Invalid *Error (InvalidField, InvalidFields) without knowing HTML, and
// the pages show each message beside its field and all of them in the
// error summary.
type FieldError struct {
	Field   string // the name of the form field, as the module names it
	Message string // what to do, in plain French
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return e.Message + ": " + e.Err.Error()
	case e.Err != nil:
		return e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error of kind with a plain-French message.
func E(kind Kind, message string) error { return &Error{Kind: kind, Message: message} }

// Wrap builds an *Error of kind with a message and its cause.
func Wrap(kind Kind, message string, err error) error {
	return &Error{Kind: kind, Message: message, Err: err}
}

// Errorf builds an *Error of kind whose message is formatted.
func Errorf(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of the first *Error in err's chain, Internal when none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// MessageOf returns the message safe to show for err, "" when it has none.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// Is tells whether err is an application error of kind.
func Is(err error, kind Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == kind
}

// InvalidField builds an Invalid error about one form field.
func InvalidField(field, message string) error {
	return &Error{Kind: Invalid, Message: message, Fields: []FieldError{{Field: field, Message: message}}}
}

// InvalidFields builds an Invalid error with a message for the whole form
// ("Corrigez les champs signalés.") and every field problem, kept in the
// order given. Without any field problem it returns nil, so a module can
// write `return errs.InvalidFields(msg, problems)` after its checks.
func InvalidFields(message string, fields []FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: message, Fields: fields}
}

// FieldsOf returns the field problems err carries, in their order: those
// of the first *Error in its chain that has some, nil when none has.
func FieldsOf(err error) []FieldError {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return nil
		}
		if len(e.Fields) > 0 {
			return e.Fields
		}
		err = e.Err
	}
	return nil
}

// FieldOf returns the form field an error is about (the first one), ""
// when none.
func FieldOf(err error) string {
	if fe := FieldsOf(err); len(fe) > 0 {
		return fe[0].Field
	}
	return ""
}
