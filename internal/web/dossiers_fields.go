package web

import (
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// fieldInput is one field of a form page, ready for the "dossiers-field"
// template: its inputs' names, what is typed and its error.
type fieldInput struct {
	Name, Type, Label, Help, Error string
	Required                       bool
	Value                          string // text answers
	Day, Month, Year               string // a date
	Street, Postcode, Town         string // an address
	Options                        []optionInput
	File                           string // the file already sent, in words
	Accept, MaxSize, Types         string // a file field
	Rows                           []rowInput
	ItemName, AddLabel, BlockKey   string // a repeatable block
	Count                          int
	CanAdd                         bool
	Autocomplete, InputMode        string
}

// optionInput is one radio button or check box.
type optionInput struct {
	ID, Value, Label string
	Checked          bool
}

// rowInput is one item of a repeatable block.
type rowInput struct {
	Title, RemoveValue string
	Fields             []fieldInput
}

// fieldInputs builds the inputs of the fields of page shown given the
// answers, with the problems found (by input name).
func fieldInputs(f *forms.Form, page int, a forms.Answers, problems []errs.FieldError) []fieldInput {
	var out []fieldInput
	for i := range f.Pages[page].Fields {
		fd := &f.Pages[page].Fields[i]
		if !f.Visible(fd, a) {
			continue
		}
		out = append(out, fieldInputOf(fd, fd.Key, a[fd.Key], problems))
	}
	return out
}

func fieldInputOf(fd *forms.Field, name string, v forms.Value, problems []errs.FieldError) fieldInput {
	in := fieldInput{Name: name, Type: string(fd.Type), Label: fd.Label, Help: fd.Help, Required: fd.Required,
		Value: v.Text, Error: problemOf(problems, name)}
	switch fd.Type {
	case forms.Date:
		in.Day, in.Month, in.Year = forms.SplitDate(v.Text)
	case forms.Address:
		if v.Address != nil {
			in.Street, in.Postcode, in.Town = v.Address.Street, v.Address.Postcode, v.Address.Town
		}
	case forms.YesNo:
		in.Options = []optionInput{{ID: name, Value: "oui", Label: "Oui", Checked: v.Text == "oui"},
			{ID: name + "-non", Value: "non", Label: "Non", Checked: v.Text == "non"}}
	case forms.Choice, forms.Choices:
		for j, o := range fd.Options {
			id := name
			if j > 0 {
				id = name + "-" + strconv.Itoa(j)
			}
			in.Options = append(in.Options, optionInput{ID: id, Value: o.Value, Label: o.Label,
				Checked: v.Text == o.Value || v.Has(o.Value)})
		}
	case forms.File:
		if v.File != nil {
			in.File = forms.Display(fd, v)
		}
		var mimes []string
		for _, t := range fd.AcceptedFileTypes() {
			mimes = append(mimes, forms.FileTypeMIME(t))
		}
		in.Accept, in.MaxSize, in.Types = strings.Join(mimes, ","), forms.HumanSize(fd.MaxFileSize()), forms.FileTypesList(fd.AcceptedFileTypes())
	case forms.Repeat:
		in.ItemName, in.AddLabel, in.BlockKey, in.Count = fd.ItemName(), fd.AddButton(), fd.Key, len(v.Rows)
		in.CanAdd = len(v.Rows) < fd.MaxItems()
		for r, row := range v.Rows {
			ri := rowInput{Title: fd.ItemName() + " " + strconv.Itoa(r+1), RemoveValue: fd.Key + "[" + strconv.Itoa(r) + "]"}
			for j := range fd.Children {
				ch := &fd.Children[j]
				ri.Fields = append(ri.Fields, fieldInputOf(ch, forms.RowKey(fd.Key, r, ch.Key), row[ch.Key], problems))
			}
			in.Rows = append(in.Rows, ri)
		}
	case forms.Email:
		in.Autocomplete, in.InputMode = "email", "email"
	case forms.Phone:
		in.Autocomplete, in.InputMode = "tel", "tel"
	case forms.Number, forms.SIRET:
		in.InputMode = "decimal"
	}
	return in
}

// problemOf returns the message about the input name ("naissance.day"
// problems are about "naissance").
func problemOf(problems []errs.FieldError, name string) string {
	for _, p := range problems {
		if p.Field == name {
			return p.Message
		}
	}
	return ""
}
