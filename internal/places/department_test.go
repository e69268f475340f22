package places

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/database/dbtest"
)

// TestImportWarnsOnPostcodeOfAnotherDepartment imports real communes whose
// postcode and INSEE code agree, in Corsica and overseas included, and two
// whose postcode points elsewhere: those are imported with a warning.
func TestImportWarnsOnPostcodeOfAnotherDepartment(t *testing.T) {
	header := "id,pivot,nom,commune,code_postal,code_insee,adresse,date_maj,source\n"
	rows := []struct {
		id, commune, postcode, insee string
		warn                         string // "" when the codes agree
	}{
		{"bourganeuf", "Bourganeuf", "2340", "23030", "Le code postal 02340 (écrit « 2340 » dans le fichier) est celui du département 02, mais le code INSEE 23030 est celui du département 23"},
		{"bellegarde", "Valserhône", "1200", "01033", ""},
		{"reims", "Reims", "51100", "51454", ""},
		{"paris-1", "Paris", "75001", "75101", ""},
		{"ajaccio", "Ajaccio", "20000", "2A004", ""},
		{"bastia", "Bastia", "20200", "2B033", ""},
		{"saint-denis", "Saint-Denis", "97400", "97411", ""},
		{"mamoudzou", "Mamoudzou", "97600", "97611", ""},
		{"gustavia", "Saint-Barthélemy", "97133", "97701", ""},
		{"marigot", "Saint-Martin", "97150", "97801", ""},
		{"noumea", "Nouméa", "98800", "98818", ""},
		{"fort-de-france", "Fort-de-France", "97200", "97411", "Le code postal 97200 est celui du département 972, mais le code INSEE 97411 est celui du département 974"},
	}
	var data strings.Builder
	data.WriteString(header)
	for _, r := range rows {
		data.WriteString(r.id + ",21690266800013,Mairie," + r.commune + "," + r.postcode + "," + r.insee + ",1 place de la Mairie,2024-04-01,test\n")
	}
	rep, err := svcAt(dbtest.Open(t), importNow).Import(context.Background(), strings.NewReader(data.String()), V1CSV)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != len(rows) || rep.Rejected != 0 {
		t.Errorf("report %s, want every row imported: %v", rep, rep.Rejections)
	}
	got := map[string]string{}
	for _, w := range rep.Warnings {
		if w.Field == FieldCodePostal {
			got[w.ID] = w.Reason
		}
	}
	for _, r := range rows {
		switch {
		case r.warn == "" && got[r.id] != "":
			t.Errorf("%s: warning %q, want none", r.id, got[r.id])
		case r.warn != "" && !strings.HasPrefix(got[r.id], r.warn):
			t.Errorf("%s: warning %q, want %q…", r.id, got[r.id], r.warn)
		}
	}
}
