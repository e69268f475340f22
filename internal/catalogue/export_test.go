package catalogue

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"
)

func TestExport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := sampleProcedure("aide-logement", "Aide au logement")
	p.FALC = "Première ligne, avec une virgule.\nDeuxième ligne avec des « guillemets »."
	if _, err := f.svc.Create(ctx, f.caf, p); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Create(ctx, f.caf, sampleProcedure("brouillon", "Pas publié")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.caf, "aide-logement", 1); err != nil {
		t.Fatal(err)
	}
	sn := mustSnapshot(t, f.svc)

	t.Run("csv", func(t *testing.T) {
		var buf bytes.Buffer
		if err := sn.WriteCSV(&buf, "https://guichet.example/"); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows, want a header and one published procedure", len(rows))
		}
		got := map[string]string{}
		for i, name := range rows[0] {
			got[name] = rows[1][i]
		}
		want := map[string]string{"slug": "aide-logement", "texte_facile_a_lire": p.FALC,
			"url": "https://guichet.example/demarches/aide-logement", "administration": "caf",
			"canaux":        "external: Sur le site de la CAF (https://www.caf.fr/) | in_person: À l'accueil de la CAF",
			"volume_annuel": "1000", "conditions": "Payer un loyer | Avoir des ressources modestes"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		ex := sn.Export("https://guichet.example")
		if len(ex.Procedures) != 1 || ex.Procedures[0].AdministrationName != "Caisse d'allocations familiales" ||
			ex.Procedures[0].URL != "https://guichet.example/demarches/aide-logement" || ex.LifeEvents == nil {
			t.Errorf("export %+v", ex)
		}
	})
}

// TestExportCSVNeutralisesFormulas checks that a procedure's text that starts like a
// spreadsheet formula is written behind a quote in the open data CSV.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := sampleProcedure("piege", `=HYPERLINK("http://x","y")`)
	p.Cost = "-10 % pour les étudiants"
	p.Delay = "@once"
	if _, err := f.svc.Create(ctx, f.caf, p); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.caf, "piege", 1); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := mustSnapshot(t, f.svc).WriteCSV(&buf, "https://guichet.example"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	got := map[string]string{}
	for i, name := range rows[0] {
		got[name] = rows[1][i]
	}
	want := map[string]string{"titre": `'=HYPERLINK("http://x","y")`, "cout": "'-10 % pour les étudiants",
		"delai": "'@once", "volume_annuel": "1000", "slug": "piege"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	// Two procedures with the same words: the one more people do comes first.
	for _, c := range []struct {
		slug   string
		volume int64
	}{{"aide-logement-rare", 10}, {"aide-logement-courante", 100000}} {
		p := sampleProcedure(c.slug, "Aide au logement")
		p.Volume = c.volume
		if _, err := f.svc.Create(ctx, f.caf, p); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Publish(ctx, f.caf, c.slug, 1); err != nil {
			t.Fatal(err)
		}
	}
	sn := mustSnapshot(t, f.svc)
	tests := []struct {
		query string
		want  []string
	}{
		{"aide au logement", []string{"aide-logement-courante", "aide-logement-rare"}},
		{"AIDE LOGEMANT", []string{"aide-logement-courante", "aide-logement-rare"}},
		{"   ", nil},
		{"passeport", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := sn.Search(tt.query, 0, 10)
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Slug)
			}
			if len(got) != len(tt.want) || res.Total != len(tt.want) {
				t.Fatalf("got %v (total %d), want %v", got, res.Total, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
	if page := sn.Search("aide logement", 1, 1); page.Total != 2 || len(page.Hits) != 1 || page.Hits[0].Slug != "aide-logement-rare" {
		t.Errorf("second page: %+v", page)
	}
}
