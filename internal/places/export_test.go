package places

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
)

// openFullDB returns a database holding the places of every test file.
func openFullDB(t *testing.T) *database.DB {
	t.Helper()
	db := dbtest.Open(t)
	for _, f := range []struct {
		file   string
		format Format
	}{
		{"exemple-valide-v1.csv", V1CSV},
		{"search-v1.csv", V1CSV},
		{"broken-v1.csv", V1CSV},
		{"france-services-2022-12.csv", FranceServicesCSV},
		{"conseillers-numeriques-lieux-2023.json", CartographieJSON},
	} {
		if _, err := svcAt(db, importNow).Import(context.Background(), bytes.NewReader(readTestdata(t, f.file)), f.format); err != nil {
			t.Fatalf("import %s: %v", f.file, err)
		}
	}
	return db
}

func allPlaces(t *testing.T, db *database.DB) []Place {
	t.Helper()
	ps, err := listWhere(context.Background(), db, "1 = 1 ORDER BY source, ext_id")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	src := openFullDB(t)
	want := allPlaces(t, src)
	tests := []struct {
		format Format
		export func(*Service, context.Context, io.Writer) error
	}{
		{V1CSV, (*Service).ExportCSV},
		{V1JSON, (*Service).ExportJSON},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.export(svc(src), context.Background(), &buf); err != nil {
				t.Fatal(err)
			}
			if f, err := DetectFormat(buf.Bytes()[:min(buf.Len(), DetectSize)]); err != nil || f != tt.format {
				t.Errorf("DetectFormat of the export = %q, %v; want %q", f, err, tt.format)
			}
			dst := dbtest.Open(t)
			rep, err := svcAt(dst, importNow.Add(24*time.Hour)).Import(context.Background(), bytes.NewReader(buf.Bytes()), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Imported != len(want) || rep.Rejected != 0 {
				t.Errorf("re-import = %s, want %d imported and none rejected: %v", rep, len(want), rep.Rejections)
			}
			for _, w := range rep.Warnings {
				// Unreadable hours are kept as they were, and a postcode of
				// another department than the commune is kept for a person
				// to check: both are warned about again.
				if w.Field != FieldHoraires && !strings.HasSuffix(w.Reason, "vérifiez le code postal.") {
					t.Errorf("re-import warning %s, want only unreadable hours and doubtful postcodes kept as they were", w)
				}
			}
			got := allPlaces(t, dst)
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Place{}, "Key", "UpdatedAt")); diff != "" {
				t.Errorf("places after the round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// schemaRules reads the constraints of each field from the standard's file.
func schemaRules(t *testing.T) map[string]schemaField {
	t.Helper()
	var s struct {
		Fields []schemaField `json:"fields"`
	}
	if err := json.Unmarshal(readTestdata(t, "schema-lieux-mediation-numerique-v1.json"), &s); err != nil {
		t.Fatal(err)
	}
	rules := map[string]schemaField{}
	for _, f := range s.Fields {
		if f.Constraints.Pattern != "" {
			// Frictionless matches a pattern against the whole value.
			f.re = regexp.MustCompile(`^(?:` + f.Constraints.Pattern + `)$`)
		}
		rules[f.Name] = f
	}
	return rules
}

type schemaField struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Constraints struct {
		Required  bool   `json:"required"`
		Pattern   string `json:"pattern"`
		MaxLength int    `json:"maxLength"`
	} `json:"constraints"`
	re *regexp.Regexp
}

// checkCell checks one value of an exported file against the schema, as a
// Table Schema validator would.
func checkCell(t *testing.T, rules map[string]schemaField, where, field, v string) {
	t.Helper()
	r, ok := rules[field]
	switch {
	case !ok:
		t.Errorf("%s: field %s is not in the schema", where, field)
	case v == "" && r.Constraints.Required:
		t.Errorf("%s: required %s is empty", where, field)
	case v == "":
	case r.re != nil && !r.re.MatchString(v):
		t.Errorf("%s: %s %q does not match %s", where, field, v, r.Constraints.Pattern)
	case r.Constraints.MaxLength > 0 && utf8.RuneCountInString(v) > r.Constraints.MaxLength:
		t.Errorf("%s: %s longer than %d", where, field, r.Constraints.MaxLength)
	case r.Type == "number":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			t.Errorf("%s: %s %q is not a number", where, field, v)
		}
	case r.Type == "date":
		if _, err := time.Parse(dateLayout, v); err != nil {
			t.Errorf("%s: %s %q is not a date", where, field, v)
		}
	}
}

func TestExportValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	db := openFullDB(t)
	rules := schemaRules(t)
	n := len(allPlaces(t, db))

	var csvBuf bytes.Buffer
	if err := svc(db).ExportCSV(context.Background(), &csvBuf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvBuf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Fields(), rows[0]); diff != "" || len(rows) != n+1 {
		t.Fatalf("CSV header (-want +got):\n%s; %d rows for %d places", diff, len(rows)-1, n)
	}
	ids := map[[2]string]bool{}
	for i, row := range rows[1:] {
		for j, v := range row {
			checkCell(t, rules, "CSV line "+strconv.Itoa(i+2), rows[0][j], v)
		}
		ids[[2]string{row[17], row[0]}] = true
	}
	if len(ids) != n {
		t.Errorf("%d distinct (source, id) for %d places", len(ids), n)
	}

	var jsonBuf bytes.Buffer
	if err := svc(db).ExportJSON(context.Background(), &jsonBuf); err != nil {
		t.Fatal(err)
	}
	var objects []map[string]any
	if err := json.Unmarshal(jsonBuf.Bytes(), &objects); err != nil {
		t.Fatal(err)
	}
	if len(objects) != n {
		t.Fatalf("%d JSON objects for %d places", len(objects), n)
	}
	for i, o := range objects {
		for _, f := range Fields() {
			switch v := o[f].(type) {
			case nil:
				checkCell(t, rules, "JSON element "+strconv.Itoa(i), f, "")
			case float64:
				if rules[f].Type != "number" {
					t.Errorf("JSON element %d: %s is a number, schema says %s", i, f, rules[f].Type)
				}
			case string:
				checkCell(t, rules, "JSON element "+strconv.Itoa(i), f, v)
			default:
				t.Errorf("JSON element %d: %s has type %T", i, f, v)
			}
		}
	}
}

func TestExportEmpty(t *testing.T) {
	t.Parallel()
	db := dbtest.Open(t)
	var csvBuf, jsonBuf bytes.Buffer
	if err := svc(db).ExportCSV(context.Background(), &csvBuf); err != nil {
		t.Fatal(err)
	}
	if err := svc(db).ExportJSON(context.Background(), &jsonBuf); err != nil {
		t.Fatal(err)
	}
	if got := jsonBuf.String(); got != "[]\n" {
		t.Errorf("empty JSON export = %q, want []", got)
	}
	if rows, _ := csv.NewReader(&csvBuf).ReadAll(); len(rows) != 1 {
		t.Errorf("empty CSV export has %d rows, want the header only", len(rows))
	}
}

// formulaPlaces are places whose texts start like spreadsheet formulas, and
// one west of Greenwich whose negative longitude must stay a number.
const formulaPlaces = `id,pivot,nom,commune,code_postal,adresse,latitude,longitude,presentation_resume,date_maj,source
piege,21690266800013,"=HYPERLINK(""http://x"",""y"")",Villeurbanne,69100,@1 place Lazare Goujon,45.7665,4.8795,- Accueil libre,2024-04-01,ville
ouest,21350238800019,Médiathèque,Rennes,35000,2 rue Racine,48.11,-1.5,+ de 20 postes,2024-04-01,ville
`

func TestExportCSVNeutralisesFormulas(t *testing.T) {
	ctx := context.Background()
	src := dbtest.Open(t)
	if rep, err := svcAt(src, importNow).Import(ctx, bytes.NewReader([]byte(formulaPlaces)), V1CSV); err != nil || rep.Imported != 2 {
		t.Fatalf("import = %s, %v: %v", rep, err, rep.Rejections)
	}
	var buf bytes.Buffer
	if err := svc(src).ExportCSV(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for _, row := range rows[1:] {
		for j, v := range row {
			cells[row[0]+"."+rows[0][j]] = v
		}
	}
	want := map[string]string{
		"piege." + FieldNom:                `'=HYPERLINK("http://x","y")`,
		"piege." + FieldAdresse:            "'@1 place Lazare Goujon",
		"piege." + FieldPresentationResume: "'- Accueil libre",
		"ouest." + FieldPresentationResume: "'+ de 20 postes",
		// Numbers are read as numbers by a spreadsheet: they keep their sign.
		"ouest." + FieldLongitude: "-1.5",
	}
	for k, v := range want {
		if cells[k] != v {
			t.Errorf("%s = %q, want %q", k, cells[k], v)
		}
	}
	if tel := cells["piege."+FieldTelephone]; tel != "" {
		t.Errorf("telephone = %q, want empty", tel)
	}

	// The quotes are the export's: the file reads back as it was.
	dst := dbtest.Open(t)
	if rep, err := svcAt(dst, importNow).Import(ctx, bytes.NewReader(buf.Bytes()), V1CSV); err != nil || rep.Imported != 2 {
		t.Fatalf("re-import = %s, %v: %v", rep, err, rep.Rejections)
	}
	if diff := cmp.Diff(allPlaces(t, src), allPlaces(t, dst), cmpopts.IgnoreFields(Place{}, "Key", "UpdatedAt")); diff != "" {
		t.Errorf("places after the round trip (-want +got):\n%s", diff)
	}
}
