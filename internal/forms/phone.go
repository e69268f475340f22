package forms

import "strings"

const msgPhone = "Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78, ou avec l'indicatif, par exemple +262 692 12 34 56."

// overseasPrefixes maps the first digits of a 10-digit national number of an overseas
// department to its international code: "0690 12 34 56" is +590 690 12 34 56.
var overseasPrefixes = map[string]string{
	"590": "590", "690": "590", "691": "590", // Guadeloupe, Saint-Barthélemy, Saint-Martin
	"594": "594", "694": "594", // Guyane
	"596": "596", "696": "596", "697": "596", // Martinique
	"262": "262", "263": "262", "692": "262", "693": "262", // La Réunion
	"269": "262", "639": "262", // Mayotte
}

// overseasCodes gives, for each international code of France and its overseas territories,
// the number of digits after the code.
var overseasCodes = map[string]int{
	"33": 9, "590": 9, "594": 9, "596": 9, "262": 9,
	"508": 6, // Saint-Pierre-et-Miquelon
	"681": 6, // Wallis-et-Futuna
	"687": 6, // Nouvelle-Calédonie
	"689": 8, // Polynésie française
}

// NormalizePhone returns a French or overseas phone number in international form
// ("+33612345678", "+262692123456", "+687123456") and whether it is one. It accepts the
// national form ("06 12 34 56 78", "0692 12 34 56"), the international one with + or 00,
// and "+33 (0)6…".
func NormalizePhone(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "(0)", "")
	plus := false
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0' || r == '/':
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	d := b.String()
	if !plus && strings.HasPrefix(d, "00") {
		d, plus = d[2:], true
	}
	if !plus {
		if len(d) != 10 || d[0] != '0' || d[1] == '0' {
			return "", false
		}
		if code, ok := overseasPrefixes[d[1:4]]; ok {
			return "+" + code + d[1:], true
		}
		if d[1:4] == "508" {
			return "+508" + d[4:], true
		}
		return "+33" + d[1:], true
	}
	for _, n := range []int{2, 3} {
		if len(d) <= n {
			continue
		}
		code, rest := d[:n], d[n:]
		want, ok := overseasCodes[code]
		if !ok || len(rest) != want || rest[0] == '0' {
			continue
		}
		if code == "33" {
			// An overseas number written with +33 is dialled with its own code.
			if oc, ok := overseasPrefixes[rest[:3]]; ok {
				return "+" + oc + rest, true
			}
		}
		return "+" + d, true
	}
	return "", false
}

// FormatPhone writes a number from NormalizePhone the way people read it: a French one as
// "06 12 34 56 78", another with its code ("+262 692 12 34 56").
func FormatPhone(e164 string) string {
	if strings.HasPrefix(e164, "+33") && len(e164) == 12 {
		return pairs("0" + e164[3:])
	}
	for code := range overseasCodes {
		if strings.HasPrefix(e164, "+"+code) && code != "33" {
			rest := e164[1+len(code):]
			if len(rest) == 9 {
				return "+" + code + " " + rest[:3] + " " + pairs(rest[3:])
			}
			return "+" + code + " " + pairs(rest)
		}
	}
	return e164
}

// pairs writes digits in pairs separated by spaces.
func pairs(d string) string {
	var b strings.Builder
	for i := 0; i < len(d); i += 2 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d[i:min(i+2, len(d))])
	}
	return b.String()
}
