package places

import (
	"testing"

	"guichet/internal/errs"
)

func TestDetectFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		head []byte
		want Format // "" for an error
	}{
		{"v1 CSV", readTestdata(t, "exemple-valide-v1.csv"), V1CSV},
		{"France Services CSV", readTestdata(t, "france-services-2022-12.csv"), FranceServicesCSV},
		{"older national map JSON", readTestdata(t, "conseillers-numeriques-lieux-2023.json")[:4096], CartographieJSON},
		{"broken v1 CSV", readTestdata(t, "broken-v1.csv"), V1CSV},
		{"v1 CSV with semicolons and a BOM", []byte("\ufeffid;pivot;nom;commune;code_postal;adresse;date_maj\n"), V1CSV},
		{"v1 JSON", []byte(`[{"id": "1", "pivot": "43493312300029", "nom": "Lieu", "courriels": "a@b.fr"}]`), V1JSON},
		{"GeoJSON", []byte(` {"type": "FeatureCollection", "features": []}`), V1JSON},
		{"nested JSON of the national API", []byte(`[{"id": "1", "localisation": {"latitude": 1}}]`), CartographieJSON},
		{"France Services columns in another order", []byte("lib_fs,lundi,mardi\n"), FranceServicesCSV},
		{"empty", []byte("  \n"), ""},
		{"other CSV", []byte("name,price\nbread,1\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DetectFormat(tt.head)
			if tt.want == "" {
				if !errs.Is(err, errs.Invalid) {
					t.Errorf("DetectFormat = %q, %v; want an invalid error", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("DetectFormat = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	t.Parallel()
	for _, f := range Formats() {
		if got, err := ParseFormat(" " + string(f) + " "); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("xlsx"); !errs.Is(err, errs.Invalid) {
		t.Errorf("ParseFormat(xlsx) = %v, want invalid", err)
	}
}
