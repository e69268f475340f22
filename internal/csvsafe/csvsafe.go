// Package csvsafe writes CSV files that a spreadsheet opens without running
// anything. Every CSV export of Guichet (places, catalogue open data, and
// every export to come) writes its rows through a Writer of this package,
// never through encoding/csv directly: the cells hold text that people and
// producers typed, and a cell such as =HYPERLINK("http://x","y") would
// otherwise become a live formula in the spreadsheet of whoever downloads
// the file (CSV or formula injection).
package csvsafe

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// triggers are the first characters that make a spreadsheet read a cell as
// a formula or a command: the list of the OWASP "CSV Injection" page.
const triggers = "=+-@\t\r"

// number matches a plain decimal number, signed or not ("-1.5", "+33180059880",
// "2.5e3"). A spreadsheet reads such a cell as a number, never as a formula,
// so it is written as it is: longitudes west of Greenwich and phone numbers
// in international form keep their sign and the files keep their standard.
var number = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// Cell returns s made safe to open in a spreadsheet. Following OWASP, a cell
// that starts with =, +, -, @, a tab or a carriage return is prefixed with
// a single quote, which spreadsheets take as "this is text" and do not show;
// a cell that is a plain number is left as it is.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune(triggers, rune(s[0])) || number.MatchString(s) {
		return s
	}
	return "'" + s
}

// Unquote undoes Cell for a reader of a file this package wrote: it removes
// the single quote before a leading =, +, -, @, tab or carriage return.
// Importers call it so that an export reads back as it was; a text that
// really began with a quote before one of those characters loses its quote.
func Unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune(triggers, rune(s[1])) {
		return s[1:]
	}
	return s
}

// Writer writes CSV records whose every cell went through Cell. Its methods
// are those of csv.Writer.
type Writer struct {
	w   *csv.Writer
	row []string
}

// NewWriter returns a Writer writing to w with encoding/csv's defaults
// (comma, quotes where needed, "\n" line ends).
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, every cell made safe; record is left unchanged.
func (w *Writer) Write(record []string) error {
	w.row = w.row[:0]
	for _, c := range record {
		w.row = append(w.row, Cell(c))
	}
	return w.w.Write(w.row)
}

// Flush writes any buffered data to the underlying io.Writer.
func (w *Writer) Flush() { w.w.Flush() }

// Error reports any error of a previous Write or Flush.
func (w *Writer) Error() error { return w.w.Error() }
