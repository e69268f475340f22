// Package textsearch is Guichet's forgiving French search engine for the catalogue of
// procedures. It runs in memory so that results are the same on SQLite and PostgreSQL.
//
// A query goes through the same analysis as the documents: lower case, accents folded,
// apostrophes and punctuation as separators, French stop words dropped, a light stemmer that
// joins plurals, feminine forms and common verb endings. On top of that the query side
// forgives what people who read or type with difficulty write: elisions glued to the word
// ("didentité"), words run together ("cartegrise") or broken in two ("allo cation"), typos
// (Damerau-Levenshtein distance 1 or 2, found through a deletion index), and acronyms or old
// names listed as synonyms ("CNI", "Pôle emploi").
//
// Ranking is BM25 over weighted fields, with a bonus for words found side by side and for
// documents that hold every word of the query. An Index is immutable once built, so any
// number of goroutines may search it at the same time.
package textsearch
