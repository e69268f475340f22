package places

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"guichet/internal/csvsafe"
	"guichet/internal/errs"
)

// maxFileSize bounds what Import reads; the largest real files are a few
// megabytes.
const maxFileSize = 256 << 20

// readAll reads a whole file, refusing one past maxFileSize.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, errs.Wrap(errs.Invalid, "Le fichier n'a pas pu être lu.", err)
	}
	if len(data) > maxFileSize {
		return nil, errs.Errorf(errs.Invalid, "Le fichier dépasse %d Mo.", maxFileSize>>20)
	}
	return data, nil
}

// decodeLatin turns Windows-1252 text (what spreadsheets often save in
// France) into UTF-8.
func decodeLatin(b []byte) []byte {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return out
}

// csvRows reads CSV text into records, mapping each column through column
// (a function that returns the field of a folded header name, or false to
// ignore the column). A row the CSV syntax breaks is reported and skipped.
type csvRows struct {
	r       *csv.Reader
	header  []string
	columns []string // field of each column, "" when ignored
}

// newCSVRows reads the header of data. It fails when data has no header or
// none of its columns is known.
func newCSVRows(data []byte, column func(string) (string, bool)) (*csvRows, error) {
	if !utf8.Valid(data) {
		data = decodeLatin(data)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	line, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = guessSeparator(string(line))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errs.E(errs.Invalid, "Le fichier est vide.")
		}
		return nil, errs.Wrap(errs.Invalid, "La ligne d'en-têtes du fichier CSV est illisible.", err)
	}
	c := &csvRows{r: r, header: header, columns: make([]string, len(header))}
	known := 0
	for i, h := range header {
		if f, ok := column(headerKey(h)); ok {
			c.columns[i] = f
			known++
		}
	}
	if known == 0 {
		return nil, errs.Errorf(errs.Invalid, "Aucune colonne du fichier n'est connue (en-têtes lus : %s).", shorten(strings.Join(header, ", ")))
	}
	return c, nil
}

// next returns the next non-empty row with its line number, a *csv.ParseError
// for a row the CSV syntax breaks, or io.EOF.
func (c *csvRows) next() (line int, cells []string, err error) {
	for {
		rec, err := c.r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(pe.Err, csv.ErrFieldCount) {
				return pe.StartLine, nil, err
			}
			if !errors.As(err, &pe) {
				return 0, nil, err
			}
		}
		line, _ = c.r.FieldPos(0)
		if !blank(rec) {
			return line, rec, nil
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// values maps a row's cells to their fields; when two columns mean the same
// field, the first one that is not empty wins. The quote an export put
// before a formula-like text (csvsafe) is removed, so an export reads back
// as it was.
func (c *csvRows) values(cells []string) map[string]string {
	m := make(map[string]string, len(c.columns))
	for i, f := range c.columns {
		if f == "" || i >= len(cells) {
			continue
		}
		if strings.TrimSpace(m[f]) == "" {
			m[f] = nullToEmpty(csvsafe.Unquote(cells[i]))
		}
	}
	return m
}

// csvSyntaxReason says in French what broke a CSV row.
func csvSyntaxReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("La ligne n'est pas du CSV valide (colonne %d) : vérifiez les guillemets.", pe.Column)
	}
	return "La ligne n'est pas du CSV valide."
}

// nullToEmpty turns the words tools write for "no value" ("null", "NaN",
// "N/A"…) into an empty text.
func nullToEmpty(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "null", "none", "nan", "n/a", "undefined", "nil":
		return ""
	}
	return s
}
