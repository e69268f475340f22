package forms

// Answers holds a person's answers, by field key. It is JSON-serialisable: the dossiers
// store it as is, beside the form version it answers.
type Answers map[string]Value

// Value is the answer to one field. Which part is set depends on the field's type:
//   - Text for ShortText, LongText, Number ("12.5"), Date ("2026-03-05"), YesNo ("oui" or
//     "non"), Choice (the option's value), Email, Phone ("+33612345678"), IBAN (compact,
//     upper case) and SIRET (14 digits);
//   - List for Choices (the options' values, in the order of the options);
//   - Address for Address;
//   - File for File;
//   - Rows for Repeat: one Answers per item, keyed by the children's keys.
//
// Values read from a posted page (ParsePage) hold what the person typed, so that a page
// with an error shows it again; Validate returns them cleaned (normalised).
type Value struct {
	Text    string         `json:"text,omitempty"`
	List    []string       `json:"list,omitempty"`
	Address *PostalAddress `json:"address,omitempty"`
	File    *FileRef       `json:"file,omitempty"`
	Rows    []Answers      `json:"rows,omitempty"`
}

// PostalAddress is a French postal address.
type PostalAddress struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
	Town     string `json:"town"`
}

// FileRef points to a document the dossiers module stored; the form only knows its name,
// type and size.
type FileRef struct {
	ID   string `json:"id"`   // the dossiers module's reference to the stored bytes
	Name string `json:"name"` // the name the person's file had, for display only
	Type string `json:"type"` // FileTypePDF, FileTypeJPEG, FileTypePNG or FileTypeHEIC
	Size int64  `json:"size"` // in bytes
}

// Empty tells whether the value holds no answer.
func (v Value) Empty() bool {
	if v.Address != nil && (v.Address.Street != "" || v.Address.Postcode != "" || v.Address.Town != "") {
		return false
	}
	return v.Text == "" && len(v.List) == 0 && v.File == nil && len(v.Rows) == 0
}

// Has tells whether the list of the value holds s.
func (v Value) Has(s string) bool {
	for _, x := range v.List {
		if x == s {
			return true
		}
	}
	return false
}

// Clone returns a deep copy of the answers, so that a caller may change it freely.
func (a Answers) Clone() Answers {
	if a == nil {
		return nil
	}
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = v.clone()
	}
	return out
}

func (v Value) clone() Value {
	c := Value{Text: v.Text}
	if v.List != nil {
		c.List = append([]string(nil), v.List...)
	}
	if v.Address != nil {
		addr := *v.Address
		c.Address = &addr
	}
	if v.File != nil {
		f := *v.File
		c.File = &f
	}
	if v.Rows != nil {
		c.Rows = make([]Answers, len(v.Rows))
		for i, r := range v.Rows {
			c.Rows[i] = r.Clone()
		}
	}
	return c
}

// Merge returns a copy of a with every answer of b set over it; an empty value in b
// removes the answer (a posted page cleared it).
func (a Answers) Merge(b Answers) Answers {
	out := a.Clone()
	if out == nil {
		out = Answers{}
	}
	for k, v := range b {
		if v.Empty() {
			delete(out, k)
			continue
		}
		out[k] = v.clone()
	}
	return out
}
