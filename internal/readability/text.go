package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a word of the text as written, without the punctuation around it.
type word struct {
	text       string
	start, end int // byte offsets in the text
}

// sentence is a run of words ended by . ! ? … or by the line break of a list.
type sentence struct {
	start, end int // byte offsets in the text
	words      []word
}

// splitSentences cuts text into sentences that hold at least one word.
func splitSentences(text string) []sentence {
	var out []sentence
	add := func(start, end int) {
		if ws := splitWords(text, start, end); len(ws) > 0 {
			out = append(out, sentence{start, end, ws})
		}
	}
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch {
		case r == '\n':
			if lineBreakEnds(text, start, i) {
				add(start, i)
				start = next
			}
		case isTerminator(r):
			for next < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[next:])
				if !isTerminator(r2) && !strings.ContainsRune("»\"”’')]", r2) {
					break
				}
				next += s2
			}
			if terminatorEnds(text, i, next) {
				add(start, next)
				start = next
			}
		}
		i = next
	}
	add(start, len(text))
	return out
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// terminatorEnds reports whether the punctuation text[at:next] ends a sentence: it must be
// followed by a space or the end, and a full stop must not close an abbreviation ("M.",
// "cf.") or an initial ("J. Dupont").
func terminatorEnds(text string, at, next int) bool {
	if next < len(text) {
		r, _ := utf8.DecodeRuneInString(text[next:])
		if !unicode.IsSpace(r) {
			return false
		}
	}
	if text[at] != '.' || next-at > 1 {
		return true
	}
	before := lastToken(text[:at])
	if utf8.RuneCountInString(before) == 1 && unicode.IsUpper([]rune(before)[0]) {
		return false
	}
	switch strings.ToLower(before) {
	case "m", "mme", "mmes", "mlle", "mm", "dr", "pr", "me", "st", "ste", "cf", "ex", "p", "art",
		"n", "no", "av", "bd", "tél", "tel", "env", "vol", "chap", "fig", "réf", "ref":
		return false
	case "etc":
		// "etc." ends the sentence only when a new one starts with a capital letter.
		rest := strings.TrimLeftFunc(text[next:], unicode.IsSpace)
		r, _ := utf8.DecodeRuneInString(rest)
		return rest == "" || unicode.IsUpper(r)
	}
	return true
}

// lastToken returns the letters right before the end of s.
func lastToken(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

// lineBreakEnds reports whether the line break at text[at] ends the sentence begun at start:
// before a blank line, a list item or a heading, after a list item, a heading or a colon.
// Other line breaks only wrap a long sentence.
func lineBreakEnds(text string, start, at int) bool {
	lineStart := strings.LastIndexByte(text[:at], '\n') + 1
	line := strings.TrimSpace(text[lineStart:at])
	nextLine, _, _ := strings.Cut(text[at+1:], "\n")
	indented := strings.HasPrefix(nextLine, " ") || strings.HasPrefix(nextLine, "\t")
	nextLine = strings.TrimSpace(nextLine)
	switch {
	case strings.TrimSpace(text[start:at]) == "":
		return false
	case nextLine == "", isListItem(nextLine), strings.HasPrefix(nextLine, "#"):
		return true
	case strings.HasSuffix(line, ":"):
		return true
	case (isListItem(line) || strings.HasPrefix(line, "#")) && !indented:
		return true
	}
	return false
}

// listMarker returns the length in bytes of the list marker at the start of line ("- ",
// "• ", "1. ", "2) ", "a) "), or 0.
func listMarker(line string) int {
	r, size := utf8.DecodeRuneInString(line)
	if strings.ContainsRune("-–—•*·▪◦", r) {
		if rest := line[size:]; rest == "" || rest[0] == ' ' || rest[0] == '\t' {
			return size
		}
		return 0
	}
	i := 0
	for i < len(line) && i < 3 && (line[i] >= '0' && line[i] <= '9' || line[i] >= 'a' && line[i] <= 'z') {
		i++
	}
	if i == 0 || i >= len(line) || (line[i] != '.' && line[i] != ')') {
		return 0
	}
	if i+1 < len(line) && line[i+1] != ' ' {
		return 0
	}
	// "a)" and "12." are markers; a word such as "etc." is not.
	if i > 1 && !allDigits(line[:i]) {
		return 0
	}
	return i + 1
}

func isListItem(line string) bool { return listMarker(line) > 0 }

func allDigits(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// splitWords returns the words of text[start:end]: runs between spaces that hold a letter or
// a digit, without the punctuation around them and without a leading list marker. A
// non-breaking space between digits joins a number ("1 500").
func splitWords(text string, start, end int) []word {
	s := text[start:end]
	if trimmed := strings.TrimLeftFunc(s, unicode.IsSpace); listMarker(trimmed) > 0 {
		skip := len(s) - len(trimmed) + listMarker(trimmed)
		start, s = start+skip, s[skip:]
	}
	var out []word
	tokenStart := -1
	for i, r := range s {
		if unicode.IsSpace(r) && !isNumberSpace(s, i, r) {
			if tokenStart >= 0 {
				out = appendWord(out, text, start+tokenStart, start+i)
				tokenStart = -1
			}
			continue
		}
		if tokenStart < 0 {
			tokenStart = i
		}
	}
	if tokenStart >= 0 {
		out = appendWord(out, text, start+tokenStart, start+len(s))
	}
	return out
}

// isNumberSpace reports whether the space r at s[i] is a thousands separator: a
// non-breaking space between two digits.
func isNumberSpace(s string, i int, r rune) bool {
	if r != '\u00a0' && r != '\u202f' || i == 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
	return unicode.IsDigit(before) && unicode.IsDigit(after)
}

// appendWord appends text[start:end] without surrounding punctuation, if a letter or digit
// remains.
func appendWord(out []word, text string, start, end int) []word {
	isPunct := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	tok := text[start:end]
	trimmed := strings.TrimLeftFunc(tok, isPunct)
	start += len(tok) - len(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, isPunct)
	if trimmed == "" {
		return out
	}
	return append(out, word{trimmed, start, start + len(trimmed)})
}
