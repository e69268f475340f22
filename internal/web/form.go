package web

import (
	"net/http"
	"net/url"
	"strings"

	"guichet/internal/errs"
)

// Form carries what a person typed and what is wrong with it, so a page
// can show an error summary at the top, each message next to its field,
// and every value kept. Its problems are errs.FieldError values, the type
// modules return: a handler passes a module's error to FailWith.
type Form struct {
	Values url.Values
	Errors []errs.FieldError
}

// newForm reads a posted form (URL-encoded or multipart).
func newForm(r *http.Request) *Form {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		r.ParseMultipartForm(8 << 20)
	} else {
		r.ParseForm()
	}
	for _, vs := range r.PostForm {
		for i, v := range vs {
			vs[i] = cleanText(v)
		}
	}
	return &Form{Values: r.PostForm}
}

// cleanText drops NUL bytes and invalid UTF-8 from what a person sent: no
// real input holds them, and PostgreSQL refuses them in text.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// emptyForm is a form with nothing typed yet.
func emptyForm() *Form { return &Form{Values: url.Values{}} }

// Get returns the trimmed value of a field.
func (f *Form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Raw returns the value of a field as typed (passwords are not trimmed).
func (f *Form) Raw(name string) string { return f.Values.Get(name) }

// Fail records a problem with field.
func (f *Form) Fail(field, message string) {
	f.Errors = append(f.Errors, errs.FieldError{Field: field, Message: message})
}

// FailWith records every field problem a module's error carries
// (errs.FieldsOf), in the module's order, and tells whether there was any:
// the handler then shows the form again with them.
func (f *Form) FailWith(err error) bool {
	fields := errs.FieldsOf(err)
	f.Errors = append(f.Errors, fields...)
	return len(fields) > 0
}

// Require records "message" for each named field left empty.
func (f *Form) Require(field, message string) {
	if f.Get(field) == "" {
		f.Fail(field, message)
	}
}

// Valid tells whether no problem was recorded.
func (f *Form) Valid() bool { return len(f.Errors) == 0 }

// ErrorFor returns the first message recorded for field.
func (f *Form) ErrorFor(field string) string {
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Field describes one input for the "field" template: its label, hint,
// type and autocomplete token, with the value and error taken from a Form.
type Field struct {
	Name, Label, Hint, Type, Autocomplete, InputMode, Value, Error string
	Required                                                       bool
	Keep                                                           bool // keep the value (false for passwords)
}

// field builds a Field for templates: field form name label [key value]…
// where keys are hint, type, autocomplete, inputmode, required, secret.
func field(f *Form, name, label string, opts ...string) Field {
	fd := Field{Name: name, Label: label, Type: "text", Keep: true}
	for i := 0; i+1 < len(opts); i += 2 {
		switch v := opts[i+1]; opts[i] {
		case "hint":
			fd.Hint = v
		case "type":
			fd.Type = v
			fd.Keep = v != "password"
		case "autocomplete":
			fd.Autocomplete = v
		case "inputmode":
			fd.InputMode = v
		case "required":
			fd.Required = v == "true"
		}
	}
	if f != nil {
		if fd.Keep {
			fd.Value = f.Get(name)
		}
		fd.Error = f.ErrorFor(name)
	}
	return fd
}
