package catalogue

import (
	"context"
	"math"
	"strings"
	"unicode/utf8"

	"guichet/internal/textsearch"
)

// Field weights of the search: what a procedure is called counts most, then what it is
// about in short, then the rest of its text.
const (
	titleWeight    = 3
	synonymsWeight = 3
	summaryWeight  = 1.5
	bodyWeight     = 1
)

// searchDocument turns a procedure into a search document. Boost, which breaks ties, is the
// logarithm of the yearly volume: between two equally relevant procedures, the one more
// people do comes first.
func searchDocument(p *PublishedProcedure, events []LifeEvent) textsearch.Document {
	parts := []string{p.FALC, p.Audience, strings.Join(p.Conditions, ". "), strings.Join(p.Documents, ". ")}
	for _, e := range events {
		parts = append(parts, e.Title)
	}
	body := strings.Join(parts, "\n")
	return textsearch.Document{
		ID:    p.Slug,
		Boost: math.Log10(float64(max(p.Volume, 0)) + 1),
		Fields: []textsearch.Field{
			{Text: p.Title, Weight: titleWeight},
			{Text: strings.Join(p.Synonyms, ". "), Weight: synonymsWeight},
			{Text: p.Summary, Weight: summaryWeight},
			{Text: body, Weight: bodyWeight},
		},
	}
}

// Hit is a procedure found by a search.
type Hit struct {
	*PublishedProcedure
	// Score is the relevance, higher is better; only the order of scores matters.
	Score float64
}

// Results is one page of search results.
type Results struct {
	Hits  []Hit
	Total int // Total counts every match, on all pages.
}

// maxQueryLength bounds the query, in bytes: a pasted letter searches as well cut short.
const maxQueryLength = 300

// Search finds the published procedures that match query, ranked by relevance then yearly
// volume, and returns limit of them from offset (all when limit ≤ 0). Accents, case, plurals,
// typos, glued apostrophes and acronyms are forgiven (see package textsearch). An empty query
// finds nothing.
func (sn *Snapshot) Search(query string, offset, limit int) Results {
	query = strings.TrimSpace(query)
	if len(query) > maxQueryLength {
		cut := maxQueryLength
		for cut > 0 && !utf8.RuneStart(query[cut]) {
			cut--
		}
		query = query[:cut]
	}
	if query == "" {
		return Results{}
	}
	// Every match is ranked, not only one page of them, because the page shows how many
	// there are; ranking a few thousand hits costs well under a millisecond.
	hits := sn.index.SearchAll(plainQuery(query))
	res := Results{Total: len(hits)}
	offset = max(offset, 0)
	end := len(hits)
	if limit > 0 {
		end = min(end, offset+limit)
	}
	for i := offset; i < end; i++ {
		if p, ok := sn.bySlug[hits[i].ID]; ok {
			res.Hits = append(res.Hits, Hit{p, hits[i].Score})
		}
	}
	return res
}

// Search searches the current snapshot; see Snapshot.Search.
func (s *Service) Search(ctx context.Context, query string, offset, limit int) (Results, error) {
	sn, err := s.Snapshot(ctx)
	if err != nil {
		return Results{}, err
	}
	return sn.Search(query, offset, limit), nil
}
