package eligibility

import (
	"strconv"
	"strings"
	"unicode"
)

// parseFrenchNumber reads a number written the French way or the English
// way: "1 250", "1250,50", "1.250", "1 250 €", "34 ans". It refuses
// anything else, including "NaN" and "Inf" that strconv would accept.
func parseFrenchNumber(raw string) (float64, bool) {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, strings.ToLower(raw))
	s = trimUnits(s)
	s, ok := normaliseSeparators(s)
	if !ok {
		return 0, false
	}
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Count(digits, ".") > 1 || strings.Trim(digits, "0123456789.") != "" ||
		digits[0] == '.' || digits[len(digits)-1] == '.' {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// trimUnits drops the words people add after a number ("34 ans",
// "1200 € par mois"), spaces already removed. Longer words come first so
// that "euros" is not read as "euro" followed by "s".
func trimUnits(s string) string {
	units := []string{"parmois", "/mois", "euros", "euro", "eur", "€", "enfants", "enfant", "ans", "an"}
	for trimmed := true; trimmed; {
		trimmed = false
		for _, u := range units {
			if strings.HasSuffix(s, u) {
				s, trimmed = strings.TrimSuffix(s, u), true
				break
			}
		}
	}
	return s
}

// normaliseSeparators turns the thousands and decimal separators into
// Go's: no thousands separator, a dot for decimals. A lone dot followed by
// exactly three digits is read as a thousands separator ("1.250" is 1250),
// which is what a French speaker means when writing an amount. Thousands
// groups must have three digits, so "1.2.3" is refused.
func normaliseSeparators(s string) (string, bool) {
	comma, dot := strings.LastIndex(s, ","), strings.LastIndex(s, ".")
	switch {
	case comma >= 0 && dot >= 0:
		thousands, decimal := ".", ","
		if dot > comma {
			thousands, decimal = ",", "."
		}
		whole, frac, _ := strings.Cut(s, decimal)
		if strings.Contains(frac, thousands) || strings.Contains(frac, decimal) {
			return "", false
		}
		whole, ok := dropThousands(whole, thousands)
		return whole + "." + frac, ok
	case comma >= 0 && strings.Count(s, ",") == 1:
		return strings.Replace(s, ",", ".", 1), true
	case comma >= 0:
		return dropThousands(s, ",")
	case dot >= 0 && (strings.Count(s, ".") > 1 || len(s)-dot-1 == 3):
		return dropThousands(s, ".")
	}
	return s, true
}

// dropThousands removes a thousands separator after checking that every
// group but the first has three digits.
func dropThousands(s, sep string) (string, bool) {
	groups := strings.Split(s, sep)
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// formatFrench writes a number for a French reader: a comma for decimals
// and a non-breaking space between thousands ("100 000", "2,5").
func formatFrench(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("," + frac)
	}
	return b.String()
}
