package openinghours

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind tells what a token holds.
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokNumber
	tokWord
	tokComment
	tokPunct
)

// token is one lexical unit of an opening_hours value. Words are lower-cased
// so that "MO-FR" and "mo-fr" read like "Mo-Fr".
type token struct {
	kind  tokenKind
	text  string // digits, lower-cased word, comment text or punctuation
	num   int    // value of a number
	pos   int    // byte offset in the source, for error messages
	space bool   // whether white space precedes the token
}

// maxDigits bounds numbers so that no value overflows; no real number in an
// opening_hours value (years included) is longer.
const maxDigits = 4

// lex splits s into tokens, ending with a tokEOF token.
func lex(s string) ([]token, error) {
	toks := make([]token, 0, len(s)/3+1) // a token every three bytes is typical
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, &SyntaxError{Pos: i, Msg: "caractère illisible"}
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case r >= '0' && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i > maxDigits {
				return nil, &SyntaxError{Pos: i, Msg: fmt.Sprintf("nombre trop long « %s »", s[i:j])}
			}
			n := 0
			for _, c := range s[i:j] {
				n = n*10 + int(c-'0')
			}
			toks = append(toks, token{kind: tokNumber, text: s[i:j], num: n, pos: i, space: space})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += size2
			}
			toks = append(toks, token{kind: tokWord, text: strings.ToLower(s[i:j]), pos: i, space: space})
			i = j
		case r == '"' || r == '«' || r == '“':
			tok, next, err := lexComment(s, i, r, size)
			if err != nil {
				return nil, err
			}
			tok.space = space
			toks = append(toks, tok)
			i = next
		default:
			p, width := punct(s[i:], r, size)
			if p == "" {
				return nil, &SyntaxError{Pos: i, Msg: fmt.Sprintf("caractère inattendu « %c »", r)}
			}
			toks = append(toks, token{kind: tokPunct, text: p, pos: i, space: space})
			i += width
		}
		space = false
	}
	toks = append(toks, token{kind: tokEOF, pos: len(s), space: space})
	return toks, nil
}

// lexComment reads a comment opened by quote at s[i:], returning the token
// and the offset just after the closing quote.
func lexComment(s string, i int, quote rune, size int) (token, int, error) {
	closing := "\""
	switch quote {
	case '«':
		closing = "»"
	case '“':
		closing = "”"
	}
	end := strings.Index(s[i+size:], closing)
	if end < 0 {
		return token{}, 0, &SyntaxError{Pos: i, Msg: "commentaire sans guillemet de fin"}
	}
	text := strings.TrimSpace(s[i+size : i+size+end])
	return token{kind: tokComment, text: text, pos: i}, i + size + end + len(closing), nil
}

// punct recognises punctuation at the start of s, mapping the dashes people
// type to "-". It returns "" for a character it does not know.
func punct(s string, r rune, size int) (string, int) {
	switch r {
	case '-', '–', '—', '−':
		return "-", size
	case '|':
		if strings.HasPrefix(s, "||") {
			return "||", 2
		}
		return "", 0
	case ',', ';', ':', '/', '[', ']', '+', '.':
		return string(r), size
	}
	return "", 0
}
