package places

import (
	"fmt"
	"strings"
)

// Rejection is one problem found in a row of an imported file: in
// Report.Rejections a problem that kept the row out, in Report.Warnings a
// value dropped or moved from a row that was imported.
type Rejection struct {
	// Line is, for a CSV file, the line where the row starts, the header
	// being line 1; 0 for JSON.
	Line int
	// Index is, for a JSON file, the index of the element in the array,
	// from 0; -1 for CSV.
	Index int
	// ID is the row's identifier when it has one.
	ID string
	// Field is the field of the standard concerned, "" for the whole row.
	Field string
	// Reason says in plain French what is wrong and how to fix it.
	Reason string
}

// Where says in French where the row is: "ligne 12" or "élément 4".
func (r Rejection) Where() string {
	if r.Line > 0 {
		return fmt.Sprintf("ligne %d", r.Line)
	}
	return fmt.Sprintf("élément %d", r.Index)
}

// String gives the rejection in one line, for a person:
// "ligne 12 (id 42), code_postal : Le code postal doit avoir 5 chiffres…".
func (r Rejection) String() string {
	var b strings.Builder
	b.WriteString(r.Where())
	if r.ID != "" {
		fmt.Fprintf(&b, " (id %s)", shorten(r.ID))
	}
	if r.Field != "" {
		b.WriteString(", " + r.Field)
	}
	b.WriteString(" : " + r.Reason)
	return b.String()
}

// Report is the outcome of an import.
type Report struct {
	// Imported counts the places added.
	Imported int
	// Updated counts the places already known (same source and id) that
	// were rewritten.
	Updated int
	// Kept counts the places already known that a help structure has
	// claimed: their structure edits them, so imports leave them as they are.
	Kept int
	// Rejected counts the rows not imported.
	Rejected int
	// Rejections lists every problem of the rejected rows, in file order.
	Rejections []Rejection
	// Warnings lists the values dropped or moved from imported rows.
	Warnings []Rejection
}

// String sums the report up: "imported N, updated M, rejected K", followed
// by ", kept L" when claimed places were left as they are.
func (r Report) String() string {
	s := fmt.Sprintf("imported %d, updated %d, rejected %d", r.Imported, r.Updated, r.Rejected)
	if r.Kept > 0 {
		s += fmt.Sprintf(", kept %d", r.Kept)
	}
	return s
}
