package places

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"guichet/internal/csvsafe"
	"guichet/internal/database"
)

// fieldValues returns the text of each field of p in the order of Fields(),
// as the standard writes them in a CSV file.
func fieldValues(p *Place) []string {
	coord := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	date := ""
	if !p.DateMaj.IsZero() {
		date = p.DateMaj.Format(dateLayout)
	}
	return []string{
		p.ID, p.Pivot, p.Nom, p.Commune, p.CodePostal, p.CodeInsee, p.Adresse, p.ComplementAdresse,
		coord(p.Latitude), coord(p.Longitude), join(p.Typologie), p.Telephone, join(p.Courriels),
		join(p.SiteWeb), p.Horaires, p.PresentationResume, p.PresentationDetail, p.Source,
		join(p.Itinerance), p.StructureParente, date, join(p.Services),
		join(p.PublicsSpecifiquementAdresses), join(p.PriseEnChargeSpecifique), join(p.FraisACharge),
		join(p.DispositifProgrammesNationaux), join(p.FormationsLabels), p.AutresFormationsLabels,
		join(p.ModalitesAcces), join(p.ModalitesAccompagnement), p.FicheAccesLibre, p.PriseRdv,
	}
}

// allPlacesSQL reads every place in the order of their keys.
const allPlacesSQL = `SELECT ` + selectColumns + ` FROM places ORDER BY id`

// eachPlace calls fn with every place, in the order of their keys, reading
// them as it goes so that a large export needs little memory.
func eachPlace(ctx context.Context, db database.Querier, fn func(*Place) error) error {
	rows, err := db.QueryContext(ctx, allPlacesSQL)
	if err != nil {
		return fmt.Errorf("list places: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPlace(rows)
		if err != nil {
			return fmt.Errorf("read place: %w", err)
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ExportCSV writes every place as a CSV file of the standard v1: the
// header of the schema, one row per place, multiple values joined by "|".
// A text that starts like a formula is written behind a single quote (see
// csvsafe), which Import removes when it reads the file back.
func (s *Service) ExportCSV(ctx context.Context, w io.Writer) error {
	db := s.db
	cw := csvsafe.NewWriter(w)
	if err := cw.Write(Fields()); err != nil {
		return err
	}
	err := eachPlace(ctx, db, func(p *Place) error { return cw.Write(fieldValues(p)) })
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// ExportJSON writes every place as a JSON array of objects with the fields
// of the standard v1 in the schema's order: texts as strings (multiple
// values joined by "|"), latitude and longitude as numbers, empty optional
// fields left out.
func (s *Service) ExportJSON(ctx context.Context, w io.Writer) error {
	db := s.db
	bw := bufio.NewWriter(w)
	names := Fields()
	required := map[string]bool{}
	for _, f := range RequiredFields() {
		required[f] = true
	}
	bw.WriteString("[")
	first := true
	err := eachPlace(ctx, db, func(p *Place) error {
		if !first {
			bw.WriteString(",")
		}
		first = false
		bw.WriteString("\n  ")
		return writeJSONPlace(bw, p, names, required)
	})
	if err != nil {
		return err
	}
	if !first {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// writeJSONString writes s as a JSON string, leaving <, > and & as they
// are so that the open data reads plainly.
func writeJSONString(w *bufio.Writer, s string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

// writeJSONPlace writes one place as a JSON object; names are the fields in
// order and required those never left out.
func writeJSONPlace(w *bufio.Writer, p *Place, names []string, required map[string]bool) error {
	w.WriteString("{")
	n := 0
	for i, v := range fieldValues(p) {
		name := names[i]
		if v == "" && !required[name] {
			continue
		}
		if n > 0 {
			w.WriteString(", ")
		}
		n++
		w.WriteString(`"` + name + `": `)
		if name == FieldLatitude || name == FieldLongitude {
			w.WriteString(v)
			continue
		}
		if err := writeJSONString(w, v); err != nil {
			return err
		}
	}
	_, err := w.WriteString("}")
	return err
}
