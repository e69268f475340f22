package places

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"guichet/internal/errs"
)

// Format is a kind of file of help places that Import reads.
type Format string

// The formats Import reads.
const (
	// V1CSV is the CSV of the standard v1, "|" joining multiple values.
	V1CSV Format = "v1-csv"
	// V1JSON is a JSON array of objects with the fields of the standard v1.
	V1JSON Format = "v1-json"
	// CartographieJSON is the JSON of the national map before the standard
	// v1 (conditions_access, labels_nationaux, courriel…).
	CartographieJSON Format = "cartographie-json"
	// FranceServicesCSV is the list of France Services sites published on
	// data.gouv.fr, with hours as free text per weekday.
	FranceServicesCSV Format = "france-services-csv"
)

// Formats returns every format Import reads.
func Formats() []Format { return []Format{V1CSV, V1JSON, CartographieJSON, FranceServicesCSV} }

// ParseFormat reads a format name given by a person; it returns an
// errs.Invalid error naming the known formats when the name is unknown.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if strings.EqualFold(strings.TrimSpace(s), string(f)) {
			return f, nil
		}
	}
	return "", errs.Errorf(errs.Invalid, "Le format « %s » n'est pas connu. Formats possibles : v1-csv, v1-json, cartographie-json, france-services-csv.", s)
}

// isJSON tells whether a format is read as JSON.
func (f Format) isJSON() bool { return f == V1JSON || f == CartographieJSON }

// olderJSONKeys are keys that only the national map's JSON before the
// standard v1 uses.
var olderJSONKeys = []string{`"conditions_access"`, `"conditions_acces"`, `"labels_nationaux"`, `"labels_autres"`, `"courriel"`, `"localisation"`, `"publics_accueillis"`, `"modalites_access"`, `"accessibilite"`}

// DetectSize is how much of the start of a file DetectFormat looks at.
const DetectSize = 64 << 10

// DetectFormat guesses the format of a file from its first bytes (a few
// kilobytes are enough): JSON with the older national map's keys, JSON of
// the standard, the France Services CSV (weekday hour columns), or the CSV
// of the standard. It returns an errs.Invalid error when the content looks
// like none of them.
func DetectFormat(head []byte) (Format, error) {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(head)
	if len(trimmed) == 0 {
		return "", errs.E(errs.Invalid, "Le fichier est vide.")
	}
	if trimmed[0] == '[' || trimmed[0] == '{' {
		for _, k := range olderJSONKeys {
			if bytes.Contains(head, []byte(k)) {
				return CartographieJSON, nil
			}
		}
		return V1JSON, nil
	}
	header, err := readHeader(head)
	if err != nil {
		return "", err
	}
	known := 0
	for _, h := range header {
		k := headerKey(h)
		if _, ok := franceServicesDays[k]; ok || k == "lib_fs" || k == "id_fs" {
			return FranceServicesCSV, nil
		}
		if _, ok := fieldForKey(k); ok {
			known++
		}
	}
	if known >= 3 {
		return V1CSV, nil
	}
	return "", errs.E(errs.Invalid, "Le format du fichier n'est pas reconnu : ni JSON, ni CSV du standard des lieux de médiation numérique, ni liste France Services. Précisez-le avec --format.")
}

// readHeader reads the first line of a CSV text, whatever its separator
// and encoding.
func readHeader(head []byte) ([]string, error) {
	if !utf8.Valid(head) {
		head = decodeLatin(head)
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(line))
	r.Comma = guessSeparator(string(line))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil, errs.Wrap(errs.Invalid, "La première ligne du fichier n'est pas une ligne d'en-têtes CSV.", err)
	}
	return rec, nil
}

// guessSeparator picks, among comma, semicolon and tab, the one the header
// line uses most outside quotes.
func guessSeparator(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// String returns the name of the format, as --format takes it.
func (f Format) String() string { return string(f) }

// checkFormat refuses a format Import does not know.
func checkFormat(f Format) error {
	for _, g := range Formats() {
		if f == g {
			return nil
		}
	}
	return fmt.Errorf("places: unknown format %q", string(f))
}
