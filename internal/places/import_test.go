package places

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/database/dbtest"
)

// importNow is the instant the tests import at.
var importNow = time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportRealFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file        string
		format      Format
		minImported int
		maxRejected int
	}{
		{"exemple-valide-v1.csv", V1CSV, 1, 0},
		{"conseillers-numeriques-lieux-2023.json", CartographieJSON, 2700, 5},
		{"france-services-2022-12.csv", FranceServicesCSV, 2640, 40},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := dbtest.Open(t)
			data := readTestdata(t, tt.file)
			first, err := svcAt(db, importNow).Import(ctx, bytes.NewReader(data), tt.format)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			t.Logf("%s: first run %s, %d warnings", tt.file, first, len(first.Warnings))
			for i, r := range first.Rejections {
				if i < 5 {
					t.Logf("rejection: %s", r)
				}
			}
			if first.Imported < tt.minImported || first.Rejected > tt.maxRejected || first.Updated != 0 {
				t.Errorf("first run = %s, want at least %d imported, at most %d rejected, none updated", first, tt.minImported, tt.maxRejected)
			}
			second, err := svcAt(db, importNow.Add(time.Hour)).Import(ctx, bytes.NewReader(data), tt.format)
			if err != nil {
				t.Fatalf("second Import: %v", err)
			}
			t.Logf("%s: second run %s", tt.file, second)
			if second.Imported != 0 || second.Updated != first.Imported || second.Rejected != first.Rejected {
				t.Errorf("second run = %s, want imported 0, updated %d, rejected %d", second, first.Imported, first.Rejected)
			}
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM places`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != first.Imported {
				t.Errorf("places in the table = %d, want %d", n, first.Imported)
			}
		})
	}
}

func TestImportBrokenRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	rep, err := svcAt(db, importNow).Import(ctx, bytes.NewReader(readTestdata(t, "broken-v1.csv")), V1CSV)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 4 || rep.Rejected != 7 {
		t.Errorf("report = %s, want imported 4, rejected 7", rep)
	}
	type problem struct {
		Line  int
		ID    string
		Field string
	}
	var got []problem
	for _, r := range rep.Rejections {
		got = append(got, problem{r.Line, r.ID, r.Field})
		if r.Reason == "" || r.Index != -1 {
			t.Errorf("rejection %+v: want a reason and no JSON index", r)
		}
	}
	want := []problem{
		{3, "sans-nom", FieldNom},
		{4, "cp-faux", FieldCodePostal},
		{5, "lat-hors", FieldLatitude},
		{8, "date-fausse", FieldDateMaj},
		{9, "sans-pivot", FieldPivot},
		{11, "bon-1", FieldID},
		{12, "lat-texte", FieldLatitude},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	for _, r := range rep.Rejections {
		t.Logf("%s", r)
	}
	if len(rep.Warnings) != 1 || rep.Warnings[0].Line != 13 || rep.Warnings[0].Field != FieldServices {
		t.Errorf("warnings = %v, want one on line 13 for services", rep.Warnings)
	}

	p, err := svc(db).GetByID(ctx, "", "liberal")
	if err != nil {
		t.Fatal(err)
	}
	wantPlace := Place{
		ID: "liberal", Pivot: "21510454200017", Nom: "Lieu écrit librement", Commune: "Reims",
		CodePostal: "51100", Adresse: "2 rue de Vesle", Latitude: ptr(49.2583), Longitude: ptr(4.0317),
		Telephone: "+33123456789", DateMaj: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		Services:         []string{"Aide aux démarches administratives", "Accès internet et matériel informatique"},
		FraisACharge:     []string{"Gratuit"},
		FormationsLabels: []string{"Étapes numériques(La Poste)"},
		ModalitesAcces:   []string{"Se présenter", "Téléphoner"},
	}
	if diff := cmp.Diff(&wantPlace, p, cmpopts.IgnoreFields(Place{}, "Key", "UpdatedAt")); diff != "" {
		t.Errorf("liberal row (-want +got):\n%s", diff)
	}
	two, err := svc(db).GetByID(ctx, "", "sur-deux-lignes")
	if err != nil || two.PresentationDetail != "Première ligne.\nDeuxième ligne." {
		t.Errorf("multi-line cell = %q, %v", two.PresentationDetail, err)
	}
}

func TestImportNothingReadable(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		data   string
		format Format
	}{
		{"empty CSV", "", V1CSV},
		{"CSV of something else", "a,b,c\n1,2,3\n", V1CSV},
		{"not JSON", "hello", V1JSON},
		{"JSON without a list", `{"title": "lieux"}`, V1JSON},
		{"JSON broken at once", `[{"id": `, CartographieJSON},
		{"unknown format", "id,nom\n", Format("xlsx")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := dbtest.Open(t)
			_, err := svcAt(db, importNow).Import(context.Background(), bytes.NewBufferString(tt.data), tt.format)
			if err == nil {
				t.Fatal("Import succeeded, want an error")
			}
		})
	}
}

func TestImportJSONVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		data       string
		format     Format
		wantReport string
		check      func(t *testing.T, p *Place)
	}{
		{
			name:       "nested objects of the national API",
			format:     CartographieJSON,
			wantReport: "imported 1, updated 0, rejected 0",
			data: `{"data": [{"id": "abc", "nom": "Lieu", "adresse": {"voie": "1 rue Haute", "code_postal": "51100", "commune": "Reims"},
				"localisation": {"latitude": 49.25, "longitude": 4.03}, "contact": {"telephone": "0326000000", "courriels": ["a@b.fr", "c@d.fr"]},
				"services": ["Prendre en main un ordinateur"], "conditions_acces": "Gratuit, Payant", "labels_nationaux": ["CNFS", "APTIC"], "date_maj": "2023-01-02"}]}`,
			check: func(t *testing.T, p *Place) {
				want := Place{ID: "abc", Nom: "Lieu", Adresse: "1 rue Haute", CodePostal: "51100", Commune: "Reims",
					Latitude: ptr(49.25), Longitude: ptr(4.03), Telephone: "+33326000000", Courriels: []string{"a@b.fr", "c@d.fr"},
					Services: []string{"Maîtrise des outils numériques du quotidien"}, FraisACharge: []string{"Gratuit", "Payant"},
					DispositifProgrammesNationaux: []string{"Conseillers numériques"}, AutresFormationsLabels: "APTIC",
					DateMaj: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), Pivot: placeholderPivot, Source: SourceCartographie}
				if diff := cmp.Diff(&want, p, cmpopts.IgnoreFields(Place{}, "Key", "UpdatedAt")); diff != "" {
					t.Errorf("place (-want +got):\n%s", diff)
				}
			},
		},
		{
			name:       "GeoJSON feature collection",
			format:     V1JSON,
			wantReport: "imported 1, updated 0, rejected 0",
			data: `{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.03, 49.25]},
				"properties": {"id": "g1", "pivot": "21510454200017", "nom": "Lieu", "adresse": "1 rue Haute", "code_postal": "51100", "commune": "Reims", "date_maj": "2023-01-02"}}]}`,
			check: func(t *testing.T, p *Place) {
				if p.Latitude == nil || *p.Latitude != 49.25 || *p.Longitude != 4.03 || p.Typologie != nil {
					t.Errorf("place = %+v, want latitude 49.25, longitude 4.03, no typologie", p)
				}
			},
		},
		{
			name:       "broken after the first element, not an object, strict pivot",
			format:     V1JSON,
			wantReport: "imported 1, updated 0, rejected 3",
			data: `[{"id": "ok", "pivot": "21510454200017", "nom": "Lieu", "adresse": "1 rue", "code_postal": "51100", "commune": "Reims", "date_maj": "2023-01-02"},
				{"id": "no-pivot", "nom": "Lieu", "adresse": "1 rue", "code_postal": "51100", "commune": "Reims", "date_maj": "2023-01-02"},
				"text", {"id": `,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := dbtest.Open(t)
			rep, err := svcAt(db, importNow).Import(context.Background(), bytes.NewBufferString(tt.data), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if rep.String() != tt.wantReport {
				t.Errorf("report = %s, want %s; rejections %v", rep, tt.wantReport, rep.Rejections)
			}
			for _, r := range rep.Rejections {
				if r.Line != 0 || r.Index < 0 {
					t.Errorf("rejection %+v: want a JSON index", r)
				}
			}
			if tt.check != nil {
				places, err := listWhere(context.Background(), db, "1 = 1")
				if err != nil || len(places) != 1 {
					t.Fatalf("places = %v, %v", places, err)
				}
				tt.check(t, &places[0])
			}
		})
	}
}

func TestImportKeepsClaimedPlaces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openSearchDB(t)
	p, err := svc(db).GetByID(ctx, "tests", "reims-centre")
	if err != nil {
		t.Fatal(err)
	}
	org := newHelpStructure(t, db, "fs-reims")
	if err := svc(db).Claim(ctx, p.Key, org); err != nil {
		t.Fatal(err)
	}
	p.Nom = "France Services de Reims"
	if err := svcAt(db, importNow).Update(ctx, p, org); err != nil {
		t.Fatal(err)
	}
	rep, err := svcAt(db, importNow).Import(ctx, bytes.NewReader(readTestdata(t, "search-v1.csv")), V1CSV)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rep.String(), "imported 0, updated 11, rejected 0, kept 1"; got != want {
		t.Errorf("report = %s, want %s", got, want)
	}
	after, err := svc(db).Get(ctx, p.Key)
	if err != nil || after.Nom != "France Services de Reims" {
		t.Errorf("claimed place after import: %q, %v; want the structure's name", after.Nom, err)
	}
}

// TestImportRejectsOversizedTexts imports a file whose second row carries a
// description of 3 MB: that row is refused, the others are kept.
func TestImportRejectsOversizedTexts(t *testing.T) {
	db := dbtest.Open(t)
	data := "id,pivot,nom,commune,code_postal,adresse,presentation_detail,date_maj,source\n" +
		"lien-1,21690266800013,Mairie annexe,Villeurbanne,69100,1 place Lazare Goujon,Accueil le matin.,2024-04-01,ville\n" +
		"lien-2,21690266800013,Espace géant,Villeurbanne,69100,2 rue Racine," + strings.Repeat("Bla ", 3<<20/4) + ",2024-04-01,ville\n" +
		"lien-3,21690266800013,Café connecté,Villeurbanne,69100,3 rue Flachet,,2024-04-01,ville\n"
	rep, err := svcAt(db, importNow).Import(context.Background(), strings.NewReader(data), V1CSV)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 2 || rep.Rejected != 1 || len(rep.Rejections) != 1 {
		t.Fatalf("report %s %v, want 2 imported and the row of 3 MB rejected", rep, rep.Rejections)
	}
	if r := rep.Rejections[0]; r.Line != 3 || r.Field != FieldPresentationDetail || !strings.Contains(r.Reason, "3000 caractères au plus") {
		t.Errorf("rejection %+v, want line 3, presentation_detail, at most 3000 characters", r)
	}
}
