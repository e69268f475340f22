package catalogue

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckSynonyms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		text  string
		lines []int
	}{
		{"valid list", "# commentaire\ncaf = caisse d'allocations familiales\n\npole emploi => france travail\n", nil},
		{"every bad line reported", "caf caisse\nrsa = revenu de solidarité active\napl = | aide\nx = y = z", []int{1, 3, 4}},
		{"windows line ends", "caf = caisse\r\nmauvaise ligne\r\n", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, e := range CheckSynonyms(tt.text) {
				got = append(got, e.Line)
				if e.Message == "" || e.Message[0] < 'A' || e.Message[0] > 'Z' {
					t.Errorf("line %d: message %q, want a French sentence", e.Line, e.Message)
				}
			}
			if diff := cmp.Diff(tt.lines, got); diff != "" {
				t.Errorf("bad lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSaveSynonymsChangesSearch(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.Create(ctx, f.caf, sampleProcedure("aide-logement", "Aide au logement")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.caf, "aide-logement", 1); err != nil {
		t.Fatal(err)
	}
	if res := mustSnapshot(t, f.svc).Search("piaule", 0, 5); res.Total != 0 {
		t.Fatalf("found %+v before the synonym exists", res.Hits)
	}
	if err := f.svc.SaveSynonyms(ctx, f.caf.UserID, "piaule => loyer"); err != nil {
		t.Fatal(err)
	}
	if res := mustSnapshot(t, f.svc).Search("piaule", 0, 5); res.Total != 1 || res.Hits[0].Slug != "aide-logement" {
		t.Errorf("after the synonym: %+v", res.Hits)
	}
	err := f.svc.SaveSynonyms(ctx, f.caf.UserID, "piaule => loyer\nligne cassée")
	bad, ok := err.(SynonymErrors)
	if !ok || len(bad) != 1 || bad[0].Line != 2 {
		t.Fatalf("got %v, want an error on line 2", err)
	}
	list, err := f.svc.Synonyms(ctx)
	if err != nil || list.Text != "piaule => loyer" || list.AuthorName != "Luc Moreau" {
		t.Errorf("stored list %+v, %v; the bad list must not be stored", list, err)
	}
}
