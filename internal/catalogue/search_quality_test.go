package catalogue

import (
	"slices"
	"strings"
	"testing"

	"guichet/internal/demo/content"
)

// minTop3 is the share of queries whose expected procedure must be among the first three.
const minTop3 = 0.90

// TestDemoSearchTop3 loads the demo catalogue into a fresh database and measures, on
// internal/demo/content/search-queries.tsv (queries as people type them, misspellings and
// everyday words included), how often the expected procedure comes in the first three
// results. Misses are printed to guide the synonyms and the texts.
func TestDemoSearchTop3(t *testing.T) {
	f := demoCatalogue(t)
	sn := mustSnapshot(t, f.svc)
	data, err := content.FS.ReadFile("search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:]
	top1, top3 := 0, 0
	for _, line := range lines {
		query, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("line %q has no tab", line)
		}
		var got []string
		for _, h := range sn.Search(query, 0, 3).Hits {
			got = append(got, h.Slug)
		}
		switch i := slices.Index(got, want); {
		case i == 0:
			top1++
			top3++
		case i > 0:
			top3++
		default:
			t.Logf("miss: %q wants %s, got %v", query, want, got)
		}
	}
	n := float64(len(lines))
	share := float64(top3) / n
	t.Logf("%d queries: right procedure first %.1f %%, in the first three %.1f %%", len(lines), 100*float64(top1)/n, 100*share)
	if share < minTop3 {
		t.Errorf("right procedure in the first three for %.1f %% of queries, want at least %.0f %%", 100*share, 100*minTop3)
	}
}
