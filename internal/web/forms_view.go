package web

import (
	"fmt"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// FormPageView is one page of an online form as the "forms-field" partial shows it: the
// fields of the page shown given the answers, each with its value and its problem.
//
// A page template writes:
//
//	{{if not .FormPage.LabelIsTitle}}<h1>{{.FormPage.Title}}</h1>{{end}}
//	{{template "error-summary" .Form}}
//	<form method="post" …{{if .FormPage.Multipart}} enctype="multipart/form-data"{{end}}>
//	{{range .FormPage.Fields}}{{template "forms-field" .}}{{end}}
type FormPageView struct {
	Title string
	// LabelIsTitle is true when the page asks one question: its label is then the page's
	// <h1> (inside its <label> or <legend>), and the page shows no other title.
	LabelIsTitle bool
	Fields       []FieldView
	// Multipart is true when the page asks for a file.
	Multipart bool
}

// FieldView is one field of an online form for the "forms-field" partial
// (templates/partials/forms-field.html).
type FieldView struct {
	Type     string // the forms.Type, for the template's switch
	Name     string // the input's name and id: the key, or "block[i].child" in a repeatable block
	Label    string
	Help     string
	Required bool
	Error    string
	Heading  bool // the label is the page's <h1>

	Value        string // the text typed or stored
	Autocomplete string
	InputMode    string
	InputType    string // text, email, tel
	MaxLength    int
	Options      []OptionView // Choice, Choices and YesNo
	// Date parts and Address parts.
	Day, Month, Year       string
	Street, Postcode, Town string
	Birthday               bool // the date is the person's birth date (autocomplete bday-*)
	// File: the document already joined (nil when none), the accepted types for the
	// input's accept attribute, and the rules in words.
	File      *forms.FileRef
	FileSize  string
	Accept    string
	FileRules string
	// Repeat: the items, the count for the hidden input, and the add button.
	Rows     []RowView
	Count    int
	CanAdd   bool
	AddLabel string
	AddName  string
	Max      int
}

// OptionView is one radio button or check box.
type OptionView struct {
	ID, Value, Label string
	Checked          bool
}

// RowView is one item of a repeatable block.
type RowView struct {
	Title       string // "Enfant 1"
	RemoveName  string // forms.RemoveButton
	RemoveValue string // "enfants[0]"
	Fields      []FieldView
}

// newFormPageView builds the view of page (0-based) of form: its fields shown given the
// answers, with the problems of forms.Form.Validate beside them.
func newFormPageView(form *forms.Form, page int, answers forms.Answers, problems []errs.FieldError) FormPageView {
	v := FormPageView{}
	if page < 0 || page >= len(form.Pages) {
		return v
	}
	pg := &form.Pages[page]
	v.Title, v.Multipart = pg.Title, form.PageHasFile(page)
	for i := range pg.Fields {
		fd := &pg.Fields[i]
		if form.Visible(fd, answers) {
			v.Fields = append(v.Fields, newFieldView(fd, fd.Key, answers[fd.Key], problems))
		}
	}
	if len(v.Fields) == 1 && v.Fields[0].Type != string(forms.Repeat) && forms.Type(v.Fields[0].Type).Answered() {
		v.LabelIsTitle = true
		v.Fields[0].Heading = true
		if v.Title == "" {
			v.Title = v.Fields[0].Label
		}
	}
	return v
}

// errorFor returns the first message of problems about name.
func errorFor(problems []errs.FieldError, name string) string {
	for _, p := range problems {
		if p.Field == name {
			return p.Message
		}
	}
	return ""
}

// newFieldView builds the view of field fd, named name, holding value v.
func newFieldView(fd *forms.Field, name string, v forms.Value, problems []errs.FieldError) FieldView {
	fv := FieldView{Type: string(fd.Type), Name: name, Label: fd.Label, Help: fd.Help, Required: fd.Required,
		Error: errorFor(problems, name), Value: v.Text, InputType: "text", Autocomplete: fd.Autocomplete}
	switch fd.Type {
	case forms.ShortText, forms.LongText:
		fv.MaxLength = fd.TextLimit()
	case forms.Number:
		fv.InputMode = "decimal"
		if v, err := parseStoredNumber(v.Text); err == nil {
			fv.Value = v
		}
	case forms.Email:
		fv.InputType, fv.Autocomplete = "email", "email"
	case forms.Phone:
		fv.InputType, fv.Autocomplete = "tel", "tel"
		if strings.HasPrefix(v.Text, "+") {
			fv.Value = forms.FormatPhone(v.Text)
		}
	case forms.IBAN:
		fv.Autocomplete = "off"
		if _, ok := forms.NormalizeIBAN(v.Text); ok && !strings.Contains(v.Text, " ") {
			fv.Value = forms.FormatIBAN(v.Text)
		}
	case forms.SIRET:
		fv.InputMode, fv.Autocomplete = "numeric", "off"
	case forms.Date:
		fv.Day, fv.Month, fv.Year = forms.SplitDate(v.Text)
		fv.Day, fv.Month = strings.TrimLeft(fv.Day, "0"), strings.TrimLeft(fv.Month, "0")
		fv.Birthday = fd.Autocomplete == "bday"
	case forms.YesNo:
		fv.Options = options(name, []forms.Option{{Value: "oui", Label: "Oui"}, {Value: "non", Label: "Non"}}, v)
	case forms.Choice, forms.Choices:
		fv.Options = options(name, fd.Options, v)
	case forms.Address:
		if a := v.Address; a != nil {
			fv.Street, fv.Postcode, fv.Town = a.Street, a.Postcode, a.Town
		}
	case forms.File:
		fileView(&fv, fd, v)
	case forms.Repeat:
		repeatView(&fv, fd, name, v, problems)
	}
	return fv
}

// parseStoredNumber shows a stored number ("12.5") the French way ("12,5"), and leaves what
// a person typed as it is.
func parseStoredNumber(s string) (string, error) {
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil || fmt.Sprint(f) != s {
		return "", fmt.Errorf("not stored")
	}
	return forms.FormatNumber(f), nil
}

func options(name string, opts []forms.Option, v forms.Value) []OptionView {
	out := make([]OptionView, len(opts))
	for i, o := range opts {
		id := name
		if i > 0 {
			id = fmt.Sprintf("%s-%d", name, i)
		}
		out[i] = OptionView{ID: id, Value: o.Value, Label: o.Label, Checked: v.Text == o.Value || v.Has(o.Value)}
	}
	return out
}

// fileAccept lists, for the accept attribute, the extensions and media types of each type.
var fileAccept = map[string]string{forms.FileTypePDF: ".pdf,application/pdf", forms.FileTypeJPEG: ".jpg,.jpeg,image/jpeg",
	forms.FileTypePNG: ".png,image/png", forms.FileTypeHEIC: ".heic,.heif,image/heic,image/heif"}

func fileView(fv *FieldView, fd *forms.Field, v forms.Value) {
	types := fd.AcceptedFileTypes()
	accept := make([]string, 0, len(types))
	for _, t := range types {
		accept = append(accept, fileAccept[t])
	}
	fv.Accept = strings.Join(accept, ",")
	fv.FileRules = fmt.Sprintf("Format %s, %s au plus.", forms.FileTypesList(types), forms.HumanSize(fd.MaxFileSize()))
	if v.File != nil {
		f := *v.File
		fv.File, fv.FileSize = &f, forms.FileTypeName(f.Type)+", "+forms.HumanSize(f.Size)
	}
}

func repeatView(fv *FieldView, fd *forms.Field, name string, v forms.Value, problems []errs.FieldError) {
	fv.Count, fv.Max = len(v.Rows), fd.MaxItems()
	fv.CanAdd = len(v.Rows) < fd.MaxItems()
	fv.AddLabel, fv.AddName = fd.AddButton(), forms.AddButton
	for i, row := range v.Rows {
		rv := RowView{Title: fmt.Sprintf("%s %d", fd.ItemName(), i+1), RemoveName: forms.RemoveButton,
			RemoveValue: fmt.Sprintf("%s[%d]", name, i)}
		for j := range fd.Children {
			ch := &fd.Children[j]
			rv.Fields = append(rv.Fields, newFieldView(ch, forms.RowKey(name, i, ch.Key), row[ch.Key], problems))
		}
		fv.Rows = append(fv.Rows, rv)
	}
}
