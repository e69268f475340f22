package readability

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kinds of Warning.
const (
	KindLongSentence = "long-sentence"
	KindAcronym      = "acronym"
	KindLongWord     = "long-word"
)

// Limits above which a warning is given.
const (
	maxSentenceWords = 20 // words in a sentence
	maxWordSyllables = 4  // syllables in a word
)

// Report is the readability of a text and what could make it plainer.
type Report struct {
	Score     float64 // Score is the Kandel & Moles reading ease, as returned by Score.
	Words     int
	Sentences int
	Warnings  []Warning // Warnings are in the order of the text.
}

// Warning points at one thing that makes a text harder to read.
type Warning struct {
	Kind    string // Kind is KindLongSentence, KindAcronym or KindLongWord.
	Text    string // Text is the sentence, acronym or word concerned, as written.
	Message string // Message tells the editor, in French, what to do.
}

// Check measures text and lists its long sentences (over 20 words), acronyms not explained
// the first time they appear, and long words (over 4 syllables). Each acronym and each long
// word is reported once.
func Check(text string) Report {
	sentences := splitSentences(text)
	var r Report
	var found []located
	syl := 0
	seenWords := map[string]bool{}
	for _, s := range sentences {
		r.Words += len(s.words)
		if n := len(s.words); n > maxSentenceWords {
			found = append(found, located{s.start, Warning{
				Kind:    KindLongSentence,
				Text:    strings.Join(strings.Fields(text[s.start:s.end]), " "),
				Message: fmt.Sprintf("Cette phrase a %d mots. Essayez d'en faire %s.", n, pieces(n)),
			}})
		}
		for _, w := range s.words {
			n := syllables(w.text)
			syl += n
			if n > maxWordSyllables && isPlainWord(w.text) {
				base := withoutElision(w.text)
				if key := strings.ToLower(base); !seenWords[key] {
					seenWords[key] = true
					found = append(found, located{w.start, Warning{
						Kind:    KindLongWord,
						Text:    base,
						Message: fmt.Sprintf("Le mot « %s » est long. Un mot plus court existe peut-être.", base),
					}})
				}
			}
		}
	}
	found = append(found, unexplainedAcronyms(text, sentences)...)
	slices.SortStableFunc(found, func(a, b located) int { return a.at - b.at })
	for _, f := range found {
		r.Warnings = append(r.Warnings, f.warning)
	}
	r.Sentences = len(sentences)
	r.Score = kandelMoles(r.Words, r.Sentences, syl)
	return r
}

// located is a warning with its byte offset, to sort warnings in the order of the text.
type located struct {
	at      int
	warning Warning
}

// pieces says in French into how many sentences of at most 20 words a sentence of n words
// would go.
func pieces(n int) string {
	switch (n + maxSentenceWords - 1) / maxSentenceWords {
	case 2:
		return "deux"
	case 3:
		return "trois"
	case 4:
		return "quatre"
	}
	return "plusieurs"
}

// isPlainWord reports whether w is a word that a shorter one could replace: not a number, an
// address or an acronym.
func isPlainWord(w string) bool {
	return !strings.ContainsAny(w, "0123456789@/.") && !isAcronym(withoutElision(w))
}

// withoutElision removes an elided article or pronoun: "l'administration" → "administration".
func withoutElision(w string) string {
	if i := strings.LastIndexAny(w, "'’"); i >= 0 {
		switch strings.ToLower(w[:i]) {
		case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
			_, size := utf8.DecodeRuneInString(w[i:])
			return w[i+size:]
		}
	}
	return w
}
