package textsearch

import (
	"cmp"
	"slices"
	"strings"
)

// title is a document title kept for type-ahead.
type title struct {
	text  string // as written
	norm  string // normalized, with a leading space so that " "+prefix finds word starts
	boost float64
}

func newTitle(text string, boost float64) title {
	return title{text: text, norm: " " + Normalize(text), boost: boost}
}

// Suggest returns up to limit document titles in which a word starts with prefix (several
// words allowed, the last one possibly unfinished: "carte gr"), for a type-ahead. Titles that
// start with the prefix come first, then higher Boost, then shorter titles. Accents and case
// are ignored; typos are not forgiven here.
func (ix *Index) Suggest(prefix string, limit int) []string {
	p := Normalize(prefix)
	if p == "" || limit <= 0 {
		return nil
	}
	type match struct {
		t     title
		start bool
	}
	var found []match
	for _, t := range ix.titles {
		if i := strings.Index(t.norm, " "+p); i >= 0 {
			found = append(found, match{t, i == 0})
		}
	}
	slices.SortFunc(found, func(a, b match) int {
		switch {
		case a.start != b.start && a.start:
			return -1
		case a.start != b.start:
			return 1
		}
		if c := cmp.Compare(b.t.boost, a.t.boost); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.t.text), len(b.t.text)); c != 0 {
			return c
		}
		return strings.Compare(a.t.text, b.t.text)
	})
	var out []string
	for _, m := range found {
		if len(out) == limit {
			break
		}
		if !slices.Contains(out, m.t.text) {
			out = append(out, m.t.text)
		}
	}
	return out
}
