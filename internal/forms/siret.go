package forms

import (
	"fmt"
	"strings"
)

// siretMessage says what is wrong with a SIRET that NormalizeSIRET refused.
func siretMessage(s string) string {
	digits, other := 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r != ' ' && r != '.' && r != '-' && r != '\u00a0':
			other = true
		}
	}
	if !other && digits != 14 {
		return fmt.Sprintf("Un numéro SIRET compte 14 chiffres : vous en avez écrit %d.", digits)
	}
	if other {
		return "Un numéro SIRET ne compte que des chiffres, 14 en tout."
	}
	return msgSIRET
}

const msgSIRET = "Ce numéro SIRET n'existe pas : vérifiez les 14 chiffres. Vous le trouvez sur un bulletin de paie ou sur annuaire-entreprises.data.gouv.fr."

// laPosteSIREN is La Poste's SIREN: its many establishments have SIRETs that do not follow
// Luhn but the rule that the sum of their digits is a multiple of 5.
const laPosteSIREN = "356000000"

// NormalizeSIRET returns the SIRET as 14 digits, and whether it is valid: 14 digits that
// pass the Luhn check, or La Poste's rule for its own establishments.
func NormalizeSIRET(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0':
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	siret := b.String()
	if len(siret) != 14 {
		return "", false
	}
	if strings.HasPrefix(siret, laPosteSIREN) {
		sum := 0
		for i := 0; i < len(siret); i++ {
			sum += int(siret[i] - '0')
		}
		if sum%5 == 0 {
			return siret, true
		}
	}
	return siret, luhn(siret)
}

// luhn tells whether the digits pass the Luhn check: from the right, every second digit is
// doubled (minus 9 above 9) and the sum is a multiple of 10.
func luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// FormatSIRET writes a SIRET as "123 456 789 00012": the SIREN in threes, then the NIC.
func FormatSIRET(s string) string {
	if len(s) != 14 {
		return s
	}
	return s[0:3] + " " + s[3:6] + " " + s[6:9] + " " + s[9:]
}
