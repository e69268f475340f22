package textsearch

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Synonyms is a parsed list of synonyms and old names that widen a query before it is matched.
// The zero value is an empty list. A Synonyms is never modified after ParseSynonyms or Merge
// returns it, so one value may be shared by several indexes.
type Synonyms struct {
	// rules maps a key (stems joined by spaces) to the stem sequences it also searches for.
	rules map[string][][]string
	// words maps each normalized word of the list to its stem, so that typos of a synonym
	// ("secu" for "sécu") are corrected like typos of the catalogue.
	words map[string]string
	// maxKey is the longest key, in words.
	maxKey int
}

// SyntaxError reports a line of a synonyms list that cannot be read. Its message is in French
// because the person who edits the list reads it.
type SyntaxError struct {
	Line   int    // Line is the line number, from 1.
	Text   string // Text is the line as written.
	Reason string // Reason says what is wrong, in French.
}

// Error returns the French message, naming the line.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("synonymes, ligne %d : %s (« %s »)", e.Line, e.Reason, e.Text)
}

// ParseSynonyms reads a synonyms list, one rule per line:
//
//	caf = caisse d'allocations familiales | allocations familiales
//	pole emploi | anpe => france travail
//
// With "=", every term of the line searches for all the others. With "=>", each term on the
// left also searches for the terms on the right, not the other way round. Terms may have
// several words; they are normalized and stemmed like the catalogue. Blank lines and lines
// starting with # are ignored. Expansion is one step: a term found on the right of a rule is
// not expanded again. A line that cannot be read gives a *SyntaxError.
func ParseSynonyms(r io.Reader) (Synonyms, error) {
	syn := Synonyms{rules: map[string][][]string{}, words: map[string]string{}}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := syn.addLine(text); err != nil {
			return Synonyms{}, &SyntaxError{Line: line, Text: text, Reason: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return Synonyms{}, fmt.Errorf("lecture des synonymes : %w", err)
	}
	return syn, nil
}

// addLine adds the rules of one line; its error is the French reason only.
func (s *Synonyms) addLine(text string) error {
	left, right, oneWay := strings.Cut(text, "=>")
	if !oneWay {
		if !strings.Contains(text, "=") {
			return fmt.Errorf("il manque « = » ou « => », par exemple : caf = caisse d'allocations familiales")
		}
		left, right, _ = strings.Cut(text, "=")
	}
	if strings.Contains(right, "=") {
		return fmt.Errorf("mettez un seul « = » ou « => » par ligne, et séparez les termes par « | »")
	}
	from, err := s.terms(left)
	if err != nil {
		return err
	}
	to, err := s.terms(right)
	if err != nil {
		return err
	}
	if oneWay {
		for _, f := range from {
			s.add(f, to)
		}
		return nil
	}
	all := append(from, to...)
	for i, f := range all {
		others := make([][]string, 0, len(all)-1)
		others = append(others, all[:i]...)
		s.add(f, append(others, all[i+1:]...))
	}
	return nil
}

// terms parses one side of a line: terms separated by "|".
func (s *Synonyms) terms(side string) ([][]string, error) {
	var out [][]string
	for _, raw := range strings.Split(side, "|") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			return nil, fmt.Errorf("un terme est vide, de chaque côté de « = » ou « => » et entre deux « | »")
		}
		var stems []string
		for _, w := range splitWords(raw) {
			if isStopWord(w) {
				continue
			}
			stem := Stem(w)
			s.words[w] = stem
			stems = append(stems, stem)
		}
		if len(stems) == 0 {
			return nil, fmt.Errorf("le terme « %s » ne contient que des petits mots ignorés par la recherche", raw)
		}
		out = append(out, stems)
	}
	return out, nil
}

// add records that key also searches for each of expansions, skipping repeats.
func (s *Synonyms) add(key []string, expansions [][]string) {
	k := strings.Join(key, " ")
	s.maxKey = max(s.maxKey, len(key))
	for _, e := range expansions {
		if j := strings.Join(e, " "); j != k && !s.has(k, j) {
			s.rules[k] = append(s.rules[k], e)
		}
	}
}

// has reports whether key already expands to the joined stems j.
func (s *Synonyms) has(key, j string) bool {
	for _, e := range s.rules[key] {
		if strings.Join(e, " ") == j {
			return true
		}
	}
	return false
}

// Merge returns a list holding the rules of s and of other; neither is changed.
func (s Synonyms) Merge(other Synonyms) Synonyms {
	out := Synonyms{rules: map[string][][]string{}, words: map[string]string{}}
	for _, src := range []Synonyms{s, other} {
		for k, exps := range src.rules {
			out.add(strings.Fields(k), exps)
		}
		for w, stem := range src.words {
			out.words[w] = stem
		}
	}
	return out
}

// expansions returns the stem sequences that the stems of key also search for.
func (s Synonyms) expansions(key []string) [][]string {
	return s.rules[strings.Join(key, " ")]
}
