package listening

import "regexp"

// The personal data people write in comments despite the warning, in the
// order they are masked: an IBAN holds digit runs a phone rule would cut,
// and an e-mail may hold digits.
var masks = []struct {
	re   *regexp.Regexp
	with string
}{
	// IBAN: two letters, two check digits, then 11 to 30 letters or
	// digits, grouped by four or not (FR76 3000 6000 0112 3456 7890 189).
	{regexp.MustCompile(`(?i)\b[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]){11,30}\b`), "[IBAN masqué]"},
	// E-mail, also with spaces around the @ or written "arobase".
	{regexp.MustCompile(`(?i)[A-Z0-9._%+\-]+\s?(?:@|\(at\)|\[at\]|\sarobase\s)\s?[A-Z0-9\-]+(?:\.[A-Z0-9\-]+)*\.[A-Z]{2,}`), "[e-mail masqué]"},
	// International phone numbers: +33 6 12 34 56 78, 0033 (0)6…, +32 470 12 34 56.
	{regexp.MustCompile(`(?:\+|\b00)\s?\d{1,3}\s?(?:\(0\)\s?)?\d(?:[\s.\-/]?\d){6,13}`), "[téléphone masqué]"},
	// French phone numbers: 06 12 34 56 78, 06.12.34.56.78, 0612345678.
	{regexp.MustCompile(`\b0\s?[1-9](?:[\s.\-/]?\d{2}){4}\b`), "[téléphone masqué]"},
	// Any other long number (social security, tax or client numbers): nine
	// digits or more, separated or not.
	{regexp.MustCompile(`\b\d(?:[\s.\-/]?\d){8,}\b`), "[numéro masqué]"},
}

// MaskPersonalData replaces the phone numbers, e-mail addresses, IBANs and
// other long numbers of a text with a word saying what was there, so that a
// comment can be kept without the personal data its author wrote.
func MaskPersonalData(text string) string {
	for _, m := range masks {
		text = m.re.ReplaceAllString(text, m.with)
	}
	return text
}
