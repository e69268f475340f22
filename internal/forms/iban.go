package forms

import (
	"fmt"
	"strings"
)

// ibanLengths is the length of an IBAN in each country that uses one (ISO 13616 registry),
// for the SEPA area, the French overseas territories and a few others people may hold.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24,
	"DE": 22, "DK": 18, "DZ": 26, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22,
	"GF": 27, "GI": 23, "GL": 18, "GP": 27, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
	"IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27, "ME": 22, "MK": 19,
	"MQ": 27, "MT": 31, "NC": 27, "NL": 18, "NO": 15, "PF": 27, "PL": 28, "PM": 27, "PT": 25,
	"RE": 27, "RO": 24, "RS": 22, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TF": 27, "TN": 24,
	"TR": 26, "VA": 22, "WF": 27, "YT": 27, "BL": 27, "MF": 27, "SN": 28, "CI": 28, "CM": 27,
}

const msgIBAN = "Indiquez un IBAN valide : pour un compte en France, il commence par FR et 2 chiffres (souvent FR76) et compte 27 caractères. Recopiez-le depuis votre RIB."

// ibanMessage says what is wrong with an IBAN that NormalizeIBAN refused: its length for
// its country, or a wrong character somewhere (the check digits do not match).
func ibanMessage(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	compact := b.String()
	if len(compact) < 4 {
		return msgIBAN
	}
	want, ok := ibanLengths[compact[:2]]
	switch {
	case !ok:
		return msgIBAN
	case len(compact) != want:
		return fmt.Sprintf("Votre IBAN compte %d caractères : il en faut %d pour un compte de ce pays. Recopiez-le depuis votre RIB.", len(compact), want)
	}
	return "Cet IBAN contient une erreur : vérifiez chaque caractère sur votre RIB, par exemple un 0 pris pour un O."
}

// NormalizeIBAN returns the IBAN written compactly in capitals ("FR7630006000011234567890189"),
// and whether it is valid: a known country, the right length for it and the ISO 13616
// check digits (mod 97).
func NormalizeIBAN(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '.' || r == '\u00a0':
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	iban := b.String()
	if len(iban) < 5 {
		return "", false
	}
	want, ok := ibanLengths[iban[:2]]
	if !ok || len(iban) != want || iban[2] < '0' || iban[2] > '9' || iban[3] < '0' || iban[3] > '9' {
		return "", false
	}
	return iban, ibanMod97(iban[4:]+iban[:4]) == 1
}

// ibanMod97 computes the remainder by 97 of the number the IBAN stands for, letters
// counting as 10 (A) to 35 (Z), digit by digit so that it never overflows.
func ibanMod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
			continue
		}
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}

// FormatIBAN writes a compact IBAN in groups of four, as printed on a RIB.
func FormatIBAN(iban string) string {
	var b strings.Builder
	for i := 0; i < len(iban); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(iban[i:min(i+4, len(iban))])
	}
	return b.String()
}
