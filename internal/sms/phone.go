package sms

import (
	"errors"
	"strings"
)

// Phone-number errors, in plain French: the notify module shows them beside
// the field or against a CSV line as they are.
var (
	ErrPhoneEmpty      = errors.New("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.")
	ErrPhoneCharacters = errors.New("Un numéro de téléphone ne contient que des chiffres, des espaces, des points ou des tirets, et un + au début. Par exemple 06 12 34 56 78.")
	ErrPhoneLength     = errors.New("Ce numéro n'a pas le bon nombre de chiffres. Un numéro français en a 10, par exemple 06 12 34 56 78.")
	ErrPhoneCountry    = errors.New("Ce numéro n'est pas un numéro français. Indiquez un numéro de France ou d'outre-mer, par exemple 06 12 34 56 78 ou +262 692 12 34 56.")
	ErrPhoneNotMobile  = errors.New("Ce numéro est celui d'un téléphone fixe, qui ne reçoit pas les SMS. Indiquez un numéro de portable, par exemple 06 12 34 56 78.")
)

// overseas lists the French overseas territories that share the French
// ten-digit numbering plan (ARCEP): a national number starting with one of
// these four digits is dialled abroad with the territory's own country code,
// not +33. Mayotte is in the Réunion code +262 since 2007 (its former +269 is
// now the Comoros only).
var overseas = map[string]string{
	"0262": "+262", "0263": "+262", "0692": "+262", "0693": "+262", // La Réunion
	"0269": "+262", "0639": "+262", // Mayotte
	"0590": "+590", "0690": "+590", "0691": "+590", // Guadeloupe, Saint-Martin, Saint-Barthélemy
	"0594": "+594", "0694": "+594", // Guyane
	"0596": "+596", "0696": "+596", "0697": "+596", // Martinique
}

// territory is a French territory with its own numbering plan: its country
// code, how many digits follow it, and the prefixes of its mobile numbers.
type territory struct {
	code    string
	digits  int
	mobiles []string
}

// territories with a plan of their own (ITU national plans): Saint-Pierre-
// et-Miquelon, Wallis-et-Futuna, New Caledonia, French Polynesia.
var territories = []territory{
	{"508", 6, []string{"55"}},
	{"681", 6, []string{"82", "83"}},
	{"687", 6, []string{"7", "8", "9"}},
	{"689", 8, []string{"87", "88", "89"}},
}

// NormalizePhone turns a French or overseas phone number, as people write
// it, into its international form: "06 12 34 56 78" → "+33612345678",
// "0692 12 34 56" → "+262692123456", "+687 71 23 45" → "+68771234".
// Spaces, dots, dashes, brackets, a leading 00 and the "(0)" people write
// after +33 are accepted. A number written with +33 but belonging to an
// overseas department is given its real code, since +33 does not reach it.
// The error is a sentence in French to show as is.
func NormalizePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ErrPhoneEmpty
	}
	s = strings.Replace(s, "(0)", "", 1)
	var digits strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
			digits.WriteString("00")
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '/' || r == '\u00A0' || r == '\u202F':
		default:
			return "", ErrPhoneCharacters
		}
	}
	d := digits.String()
	if !strings.HasPrefix(d, "00") {
		return national(d)
	}
	d = d[2:]
	if rest, ok := strings.CutPrefix(d, "33"); ok {
		if len(rest) != 9 || rest[0] == '0' {
			return "", ErrPhoneLength
		}
		return national("0" + rest)
	}
	for _, code := range []string{"262", "590", "594", "596"} {
		if rest, ok := strings.CutPrefix(d, code); ok {
			if len(rest) != 9 || overseas["0"+rest[:3]] != "+"+code {
				return "", ErrPhoneLength
			}
			return "+" + code + rest, nil
		}
	}
	for _, t := range territories {
		if rest, ok := strings.CutPrefix(d, t.code); ok {
			if len(rest) != t.digits {
				return "", ErrPhoneLength
			}
			return "+" + t.code + rest, nil
		}
	}
	return "", ErrPhoneCountry
}

// national turns a ten-digit French number starting with 0 into its
// international form.
func national(d string) (string, error) {
	if len(d) != 10 || d[0] != '0' || d[1] == '0' {
		return "", ErrPhoneLength
	}
	if code, ok := overseas[d[:4]]; ok {
		return code + d[1:], nil
	}
	return "+33" + d[1:], nil
}

// NormalizeMobile is NormalizePhone for a number that must receive SMS: a
// fixed line is refused with ErrPhoneNotMobile.
func NormalizeMobile(s string) (string, error) {
	n, err := NormalizePhone(s)
	if err != nil {
		return "", err
	}
	if !IsMobile(n) {
		return "", ErrPhoneNotMobile
	}
	return n, nil
}

// IsMobile reports whether n, in the form NormalizePhone returns, is a
// mobile number: 06 and 07 in France, the overseas mobile prefixes, the
// territories' mobile ranges.
func IsMobile(n string) bool {
	if rest, ok := strings.CutPrefix(n, "+33"); ok {
		return strings.HasPrefix(rest, "6") || strings.HasPrefix(rest, "7")
	}
	for _, code := range []string{"+262", "+590", "+594", "+596"} {
		if rest, ok := strings.CutPrefix(n, code); ok {
			return len(rest) == 9 && rest[0] == '6'
		}
	}
	for _, t := range territories {
		if rest, ok := strings.CutPrefix(n, "+"+t.code); ok {
			for _, p := range t.mobiles {
				if strings.HasPrefix(rest, p) {
					return true
				}
			}
		}
	}
	return false
}
