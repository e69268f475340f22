package places

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// cleanLine trims s and joins its words with single spaces, for one-line
// fields such as a name or an address.
func cleanLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cleanText trims s and removes the spaces that end its lines, for
// multi-line fields such as a presentation.
func cleanText(s string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}

// normPostcode reads a postcode written "51100", "51 100", "1200" (a
// spreadsheet lost its leading zero) or "30252 Cedex".
func normPostcode(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.TrimSuffix(s, "CEDEX")
	if len(s) == 4 && isDigits(s) {
		s = "0" + s
	}
	return s, postcodePattern.MatchString(s)
}

// normInsee reads an INSEE commune code, "2a004" or "1033" included.
func normInsee(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) == 4 && isDigits(s) {
		s = "0" + s
	}
	return s, inseePattern.MatchString(s)
}

// normPivot reads a SIRET, RNA or RIDET written with spaces, dots or dashes.
func normPivot(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
	return s, pivotPattern.MatchString(s)
}

// overseasPrefixes maps the first digits of a national number of an
// overseas department to its country calling code.
var overseasPrefixes = map[string]string{
	"0590": "+590", "0690": "+590", "0691": "+590",
	"0594": "+594", "0694": "+594",
	"0596": "+596", "0696": "+596", "0697": "+596",
	"0262": "+262", "0263": "+262", "0692": "+262", "0693": "+262",
	"0269": "+262", "0639": "+262",
}

// callingCodes are the country calling codes the standard accepts, longest
// first so that "+262…" is not read as "+26…".
var callingCodes = []string{"+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681", "+33"}

// normPhone reads a phone number the way people write it ("01 23 45 67 89",
// "01.23.45.67.89", "+33 (0)1 23 45 67 89", "0033…", "+330123…", or nine
// digits whose leading zero a spreadsheet dropped) and returns the
// international form of the standard. When several numbers are given, the
// first one is kept.
func normPhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "/;|,"); i > 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "(0)", "")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case unicode.IsSpace(r) || strings.ContainsRune(".-()", r):
		default:
			return s, false
		}
	}
	n := b.String()
	if strings.HasPrefix(n, "00") {
		n = "+" + n[2:]
	}
	if strings.HasPrefix(n, "+0") {
		n = n[1:]
	}
	if len(n) == 9 && n[0] != '0' && n[0] != '+' {
		n = "0" + n
	}
	if len(n) == 10 && n[0] == '0' {
		if code, ok := overseasPrefixes[n[:4]]; ok {
			n = code + n[1:]
		} else {
			n = "+33" + n[1:]
		}
	}
	for _, code := range callingCodes {
		if rest, ok := strings.CutPrefix(n, code); ok && strings.HasPrefix(rest, "0") && len(rest) == 10 {
			n = code + rest[1:]
			break
		}
	}
	return n, telephonePattern.MatchString(n)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// parseCoordinate reads a number written with a dot or a comma.
func parseCoordinate(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("« %s » n'est pas un nombre", s)
	}
	return v, nil
}

// parseDate reads a date written "2024-04-02", "2024-04-02T10:00:00Z",
// "02/04/2024" or "2024/04/02", and returns that day at midnight UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	for _, layout := range []string{dateLayout, "02/01/2006", "2006/01/02", "02-01-2006", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// splitList cuts a multi-valued text on "|" and ";" (and on "," when
// commas too may separate values), trims each value and drops empty ones.
func splitList(s string, commas bool) []string {
	seps := "|;"
	if commas {
		seps = "|;,"
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	out := parts[:0]
	for _, p := range parts {
		if p = cleanLine(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// normEnum returns the values of the standard that s lists for field, in
// the order given and without repeats, and the values it does not know.
func normEnum(field, s string) (values, unknown []string) {
	for _, v := range splitList(s, true) {
		c, ok := canonical(field, v)
		switch {
		case !ok:
			unknown = append(unknown, v)
		case !contains(values, c):
			values = append(values, c)
		}
	}
	return values, unknown
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// normEmails cuts a list of e-mail addresses, also separated by " - ", " / "
// or commas, and returns the valid ones and the others.
func normEmails(s string) (good, bad []string) {
	s = strings.NewReplacer(" - ", "|", " / ", "|", " et ", "|").Replace(s)
	for _, part := range splitList(s, false) {
		pieces := strings.Split(part, ",")
		if !allHaveAt(pieces) {
			pieces = []string{part}
		}
		for _, e := range pieces {
			e = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(e), "mailto:"), ".")
			switch {
			case emailPattern.MatchString(e):
				if !contains(good, e) {
					good = append(good, e)
				}
			case e != "":
				bad = append(bad, e)
			}
		}
	}
	return good, bad
}

func allHaveAt(xs []string) bool {
	for _, x := range xs {
		if !strings.Contains(x, "@") {
			return false
		}
	}
	return true
}

// normURL reads a web address, adding "https://" when it starts with the
// host name ("www.exemple.fr").
func normURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(s, " |") {
		return s, false
	}
	return s, true
}

// normURLs cuts a list of web addresses and returns the valid ones and the
// others.
func normURLs(s string) (good, bad []string) {
	for _, part := range splitList(strings.ReplaceAll(s, " ", "|"), false) {
		if u, ok := normURL(part); ok {
			if !contains(good, u) {
				good = append(good, u)
			}
		} else {
			bad = append(bad, part)
		}
	}
	return good, bad
}

// truncateRunes cuts s to at most n characters, ending with "…" when cut.
func truncateRunes(s string, n int) (string, bool) {
	r := []rune(s)
	if len(r) <= n {
		return s, false
	}
	cut := strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace)
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > len(cut)*2/3 {
		cut = cut[:i]
	}
	return cut + "…", true
}
