package content

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"guichet/internal/textsearch"
)

// minTop3 is the share of development queries whose expected procedure must be among the
// first three results; the held-out set written by others aims at the same target.
const minTop3 = 0.90

// searchIndex indexes the procedures the way the catalogue does (title and synonyms weigh 3,
// the summary 1.5, the rest 1, ties broken by yearly volume), with Guichet's default synonyms
// merged with synonyms.txt.
func searchIndex(t *testing.T, procs map[string]procedure) *textsearch.Index {
	t.Helper()
	data, err := FS.ReadFile("synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	ours, err := textsearch.ParseSynonyms(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("synonyms.txt: %v", err)
	}
	var docs []textsearch.Document
	for _, p := range procs {
		body := strings.Join([]string{p.FALC, p.Audience, strings.Join(p.Conditions, ". "),
			strings.Join(p.Documents, ". ")}, "\n")
		docs = append(docs, textsearch.Document{ID: p.Slug, Boost: math.Log10(float64(p.Volume)),
			Fields: []textsearch.Field{{Text: p.Title, Weight: 3}, {Text: strings.Join(p.Synonyms, ". "), Weight: 3},
				{Text: p.Summary, Weight: 1.5}, {Text: body, Weight: 1}}})
	}
	return textsearch.NewIndex(docs, textsearch.DefaultSynonyms().Merge(ours))
}

// TestSearchQuality measures the development queries against the search engine, so that an
// edit of the texts or of synonyms.txt that breaks the search is seen at once. Misses are
// logged (go test -v) to guide the next edit.
func TestSearchQuality(t *testing.T) {
	ix := searchIndex(t, loadProcedures(t))
	data, err := FS.ReadFile("search-queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")[1:]
	top1, top3 := 0, 0
	for _, line := range lines {
		query, want, _ := strings.Cut(line, "\t")
		var got []string
		for _, h := range ix.Search(query, 3) {
			got = append(got, h.ID)
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
	t.Logf("%d queries: right procedure first %.1f %%, in the first three %.1f %%", len(lines), 100*float64(top1)/n, 100*float64(top3)/n)
	if got := float64(top3) / n; got < minTop3 {
		t.Errorf("right procedure in the first three for %.1f %% of queries, want at least %.0f %%", 100*got, 100*minTop3)
	}
}
