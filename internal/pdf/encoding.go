package pdf

import "strings"

// nbsp is the WinAnsi code of the non-breaking space: it is drawn as a space
// but never breaks a line.
const nbsp = 0xA0

// winAnsiHigh maps the characters of the range 0x80–0x9F of WinAnsiEncoding
// (Windows-1252) to their codes; 0xA0–0xFF are those of Latin-1.
var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// lookalikes maps characters outside WinAnsi to the WinAnsi text that reads
// the same: letters of other Latin alphabets lose their accent (a name such
// as Łukasz or Ștefan stays legible), typographic variants of dashes, quotes
// and spaces become the ones WinAnsi has.
var lookalikes = func() map[rune]string {
	m := map[rune]string{
		'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2015': "—", '\u2212': "-",
		'\u2032': "'", '\u2033': "\"", '\u201B': "’", '\u201F': "”", '\u2024': ".",
		'\u202F': "\u00A0", '\u2007': "\u00A0", '\u2060': "", // narrow and figure non-breaking spaces, word joiner
		'\u2000': " ", '\u2001': " ", '\u2002': " ", '\u2003': " ", '\u2004': " ",
		'\u2005': " ", '\u2006': " ", '\u2008': " ", '\u2009': " ", '\u200A': " ",
		'\u200B': "", '\u200C': "", '\u200D': "", '\uFEFF': "", '\u00AD': "", // zero-width, soft hyphen
		'\u2028': "\n", '\u2029': "\n", 'Ĳ': "IJ", 'ĳ': "ij", 'ẞ': "SS",
		'\u2192': "->", '\u2190': "<-", '\u2264': "<=", '\u2265': ">=", '\u2260': "!=",
		'\u2713': "x", '\u2714': "x",
	}
	for base, variants := range map[string]string{
		"A": "ĀĂĄǍ", "a": "āăąǎ", "C": "ĆĈĊČ", "c": "ćĉċč", "D": "ĎĐ", "d": "ďđ",
		"E": "ĒĔĖĘĚẼ", "e": "ēĕėęěẽ", "G": "ĜĞĠĢ", "g": "ĝğġģ", "H": "ĤĦ", "h": "ĥħ",
		"I": "ĨĪĬĮİ", "i": "ĩīĭįı", "J": "Ĵ", "j": "ĵ", "K": "Ķ", "k": "ķ",
		"L": "ĹĻĽĿŁ", "l": "ĺļľŀł", "N": "ŃŅŇ", "n": "ńņňŉ", "O": "ŌŎŐƠ", "o": "ōŏőơ",
		"R": "ŔŖŘ", "r": "ŕŗř", "S": "ŚŜŞȘ", "s": "śŝşș", "T": "ŢŤŦȚ", "t": "ţťŧț",
		"U": "ŨŪŬŮŰŲƯ", "u": "ũūŭůűųư", "W": "Ŵ", "w": "ŵ", "Y": "Ŷ", "y": "ŷ",
		"Z": "ŹŻ", "z": "źż",
	} {
		for _, r := range variants {
			m[r] = base
		}
	}
	return m
}()

// encode turns text into WinAnsi bytes. A line feed is kept (as '\n') for
// the layout to break the line there, tabs and other spaces become a space,
// other control characters are dropped, and a character WinAnsi lacks is
// replaced by its look-alike or, failing that, by a question mark. The result
// holds only codes that the fonts define, so the file is always valid.
func encode(text string) []byte {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	out := make([]byte, 0, len(text))
	for _, r := range text {
		out = appendRune(out, r, true)
	}
	return out
}

func appendRune(out []byte, r rune, lookAlike bool) []byte {
	switch {
	case r == '\n' || r == '\r':
		return append(out, '\n')
	case r == '\t' || r == '\v' || r == '\f':
		return append(out, ' ')
	case r < 0x20 || (r >= 0x7F && r < 0xA0):
		return out // control characters draw nothing
	case r < 0x7F || (r >= 0xA0 && r <= 0xFF && r != 0xAD):
		return append(out, byte(r))
	}
	if c, ok := winAnsiHigh[r]; ok {
		return append(out, c)
	}
	if s, ok := lookalikes[r]; ok && lookAlike {
		for _, l := range s {
			out = appendRune(out, l, false)
		}
		return out
	}
	return append(out, '?')
}
