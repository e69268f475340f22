package catalogue

import "guichet/internal/errs"

// FieldErrors collects the problems found in a procedure while it is checked, in the order of
// the form (sortByForm). Each is an errs.FieldError, the field-error type every module shares;
// Field is the name of the form field, as listed in the Field constants. The service returns
// them with Err, and the pages show each beside its field.
type FieldErrors []errs.FieldError

// add records a problem.
func (fe *FieldErrors) add(field, message string) {
	*fe = append(*fe, errs.FieldError{Field: field, Message: message})
}

// Err returns the problems as an errs.Invalid error that carries them (errs.FieldsOf), or nil
// when there is none.
func (fe FieldErrors) Err() error {
	return errs.InvalidFields("La démarche n'a pas été enregistrée : corrigez les champs signalés.", fe)
}
