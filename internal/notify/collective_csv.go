package notify

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"guichet/internal/errs"
)

// CollectiveRow is one recipient of a collective send, as its CSV line gave it.
type CollectiveRow struct {
	Line int               `json:"line"`
	To   string            `json:"to"` // e-mail address, or phone in international form
	Data map[string]string `json:"data"`
}

// LineProblem is what is wrong with one line of the CSV.
type LineProblem struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Limits of a collective CSV.
const (
	MaxCollectiveRows  = 50000
	maxCollectiveBytes = 10 << 20
)

// The columns that hold the destination, by channel, as people name them.
var (
	phoneColumns = []string{"telephone", "téléphone", "phone", "mobile", "portable", "numero", "numéro"}
	emailColumns = []string{"email", "e-mail", "courriel", "mail", "adresse_email"}
)

// readCollectiveCSV reads the CSV of a collective send: a header line, then
// one recipient per line, separated by commas or semicolons (as French
// spreadsheets write them). Lines with a bad destination or an empty value
// for a placeholder of the text are listed as problems; the good ones are
// kept. An error means the file as a whole cannot be used.
func readCollectiveCSV(r io.Reader, channel string, used []string) ([]CollectiveRow, []LineProblem, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCollectiveBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read CSV: %w", err)
	}
	if len(data) > maxCollectiveBytes {
		return nil, nil, errs.InvalidField("file", "Le fichier est trop lourd : 10 Mo au plus.")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, nil, errs.InvalidField("file", "Le fichier n'est pas en UTF-8. Enregistrez-le en « CSV UTF-8 » depuis votre tableur.")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, errs.InvalidField("file", "Le fichier est vide ou n'est pas un CSV.")
	}
	columns := make([]string, len(header))
	for i, h := range header {
		columns[i] = strings.ToLower(strings.TrimSpace(h))
	}
	to := destinationColumn(columns, channel)
	if to < 0 {
		want := "telephone"
		if channel == Email {
			want = "email"
		}
		return nil, nil, errs.InvalidField("file", fmt.Sprintf("Il manque la colonne « %s » : la première ligne doit nommer les colonnes.", want))
	}
	var missing []string
	for _, name := range used {
		if !slices.Contains(columns, strings.ToLower(name)) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, nil, errs.InvalidField("file", fmt.Sprintf("Le texte utilise %s, mais le fichier n'a pas ces colonnes.", listNames(missing)))
	}
	var rows []CollectiveRow
	var problems []LineProblem
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			problems = append(problems, LineProblem{Line: line, Message: "Ligne illisible (guillemet mal fermé ?)."})
			continue
		}
		if len(record) == 1 && strings.TrimSpace(record[0]) == "" {
			continue // a blank line
		}
		if len(rows) >= MaxCollectiveRows {
			return nil, nil, errs.InvalidField("file", fmt.Sprintf("Le fichier a plus de %d destinataires. Découpez-le.", MaxCollectiveRows))
		}
		row, problem := readRow(record, columns, to, channel, used)
		if problem != "" {
			problems = append(problems, LineProblem{Line: line, Message: problem})
			continue
		}
		row.Line = line
		rows = append(rows, row)
	}
	return rows, problems, nil
}

// readRow checks one line and returns its recipient, or what is wrong.
func readRow(record, columns []string, to int, channel string, used []string) (CollectiveRow, string) {
	cell := func(i int) string {
		if i < len(record) {
			return strings.TrimSpace(record[i])
		}
		return ""
	}
	row := CollectiveRow{Data: map[string]string{}}
	dest := cell(to)
	switch {
	case dest == "":
		return row, "Destinataire vide."
	case channel == SMS:
		n, err := normalizePhone(dest)
		if err != nil {
			return row, fmt.Sprintf("Numéro « %s » : %s", dest, errs.MessageOf(err))
		}
		row.To = n
	default:
		a, err := mail.ParseAddress(dest)
		if err != nil || a.Address != dest || !strings.Contains(dest[strings.Index(dest, "@")+1:], ".") {
			return row, fmt.Sprintf("Adresse e-mail « %s » non valide.", dest)
		}
		row.To = dest
	}
	var empty []string
	for i, c := range columns {
		row.Data[c] = cell(i)
	}
	for _, name := range used {
		if row.Data[strings.ToLower(name)] == "" {
			empty = append(empty, name)
		}
		row.Data[name] = row.Data[strings.ToLower(name)]
	}
	if len(empty) > 0 {
		return row, fmt.Sprintf("Colonne vide : %s.", strings.Join(empty, ", "))
	}
	return row, ""
}

// separator guesses the separator from the header line: a semicolon when it
// has more of them than commas.
func separator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	return ','
}

func destinationColumn(columns []string, channel string) int {
	names := phoneColumns
	if channel == Email {
		names = emailColumns
	}
	for i, c := range columns {
		if slices.Contains(names, c) {
			return i
		}
	}
	return -1
}
