// Package content holds the demonstration catalogue that `guichet serve --demo` loads: the
// procedures written in plain French, the life events that group them, the editable synonyms
// list of the search engine and a development set of search queries.
//
// The files are data, not code, so that a procedure owner can read and correct them:
//
//	procedures/<slug>.json  one procedure each
//	life-events.json        the life events, with their procedures in the order a person meets them
//	synonyms.txt            one rule a line: "a = b | c" (all equivalent) or "a => b | c" (one way)
//	search-queries.tsv      "query<TAB>slug": queries as people type them, with the expected answer
package content

import "embed"

// FS holds the demo catalogue files listed in the package documentation, read-only.
//
//go:embed procedures/*.json life-events.json synonyms.txt search-queries.tsv
var FS embed.FS
