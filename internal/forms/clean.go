package forms

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Default length limits of texts, so that no answer is unbounded.
const (
	DefaultShortTextLength = 200
	DefaultLongTextLength  = 5000
)

// clean checks one answer against its field and returns it normalised, or a plain-French
// message saying what to do. today is the date (YYYY-MM-DD) past and future dates are told
// apart with.
func clean(fd *Field, v Value, today string) (Value, string) {
	if v.Empty() {
		if fd.Required {
			return Value{}, requiredMessage(fd)
		}
		return Value{}, ""
	}
	switch fd.Type {
	case ShortText, LongText:
		return cleanText(fd, v.Text)
	case Number:
		return cleanNumber(fd, v.Text)
	case Date:
		return cleanDate(fd, v.Text, today)
	case YesNo:
		t := strings.ToLower(strings.TrimSpace(v.Text))
		if t != "oui" && t != "non" {
			return Value{}, "Répondez par oui ou par non."
		}
		return Value{Text: t}, ""
	case Choice:
		for _, o := range fd.Options {
			if o.Value == v.Text {
				return Value{Text: o.Value}, ""
			}
		}
		return Value{}, "Choisissez une des réponses proposées."
	case Choices:
		return cleanChoices(fd, v.List)
	case Email:
		return cleanEmail(v.Text)
	case Phone:
		if p, ok := NormalizePhone(v.Text); ok {
			return Value{Text: p}, ""
		}
		return Value{}, msgPhone
	case IBAN:
		if iban, ok := NormalizeIBAN(v.Text); ok {
			return Value{Text: iban}, ""
		}
		return Value{}, ibanMessage(v.Text)
	case SIRET:
		if s, ok := NormalizeSIRET(v.Text); ok {
			return Value{Text: s}, ""
		}
		return Value{}, siretMessage(v.Text)
	case Address:
		return cleanAddress(fd, v.Address)
	case File:
		return cleanFile(fd, v.File)
	}
	return Value{}, ""
}

func requiredMessage(fd *Field) string {
	switch fd.Type {
	case Choice, Choices, YesNo:
		return fmt.Sprintf("Choisissez une réponse à la question « %s ».", fd.Label)
	case File:
		return fmt.Sprintf("Joignez le document « %s ».", fd.Label)
	case Repeat:
		return fmt.Sprintf("Ajoutez au moins un élément : « %s ».", fd.Label)
	}
	return fmt.Sprintf("Répondez à la question « %s » : elle est obligatoire.", fd.Label)
}

// TextLimit is the most characters a text field accepts.
func (fd *Field) TextLimit() int {
	switch {
	case fd.Limits.MaxLength > 0:
		return fd.Limits.MaxLength
	case fd.Type == LongText:
		return DefaultLongTextLength
	}
	return DefaultShortTextLength
}

func cleanText(fd *Field, s string) (Value, string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if fd.Type == ShortText {
		s = strings.Join(strings.Fields(s), " ")
	}
	if !utf8.ValidString(s) {
		return Value{}, "Votre réponse contient des caractères illisibles : écrivez-la à nouveau."
	}
	if n := utf8.RuneCountInString(s); n > fd.TextLimit() {
		return Value{Text: s}, fmt.Sprintf("Votre réponse est trop longue : %d caractères au plus, vous en avez écrit %d.", fd.TextLimit(), n)
	}
	if s == "" && fd.Required {
		return Value{}, requiredMessage(fd)
	}
	return Value{Text: s}, ""
}

// FormatNumber writes a number the French way: "12,5".
func FormatNumber(n float64) string {
	return strings.Replace(strconv.FormatFloat(n, 'f', -1, 64), ".", ",", 1)
}

func cleanNumber(fd *Field, s string) (Value, string) {
	n, ok := parseNumber(s)
	if !ok {
		return Value{}, "Indiquez un nombre en chiffres, par exemple 12 ou 12,5."
	}
	lo, hi := fd.Limits.Min, fd.Limits.Max
	switch {
	case lo != nil && hi != nil && (n < *lo || n > *hi):
		return Value{}, fmt.Sprintf("Indiquez un nombre entre %s et %s.", FormatNumber(*lo), FormatNumber(*hi))
	case lo != nil && n < *lo:
		return Value{}, fmt.Sprintf("Indiquez un nombre égal ou supérieur à %s.", FormatNumber(*lo))
	case hi != nil && n > *hi:
		return Value{}, fmt.Sprintf("Indiquez un nombre égal ou inférieur à %s.", FormatNumber(*hi))
	}
	return Value{Text: strconv.FormatFloat(n, 'f', -1, 64)}, ""
}

// JoinDate builds the text of a Date answer from the three parts a person typed, so that
// a wrong date can be shown again as typed.
func JoinDate(day, month, year string) string {
	strip := func(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "-", "") }
	d, m, y := strip(day), strip(month), strip(year)
	if d == "" && m == "" && y == "" {
		return ""
	}
	return y + "-" + m + "-" + d
}

// SplitDate returns the day, month and year of a Date answer (cleaned or as typed).
func SplitDate(s string) (day, month, year string) {
	parts := strings.SplitN(s, "-", 3)
	if len(parts) != 3 {
		return "", "", ""
	}
	return parts[2], parts[1], parts[0]
}

// parseISODate reads a date written year-month-day, with or without leading zeros.
func parseISODate(s string) (time.Time, bool) {
	d, m, y := SplitDate(s)
	day, err1 := strconv.Atoi(d)
	month, err2 := strconv.Atoi(m)
	year, err3 := strconv.Atoi(y)
	if err1 != nil || err2 != nil || err3 != nil || year < 1000 || year > 9999 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month || t.Year() != year {
		return time.Time{}, false
	}
	return t, true
}

func cleanDate(fd *Field, s, today string) (Value, string) {
	d, m, y := SplitDate(s)
	if d == "" || m == "" || y == "" {
		return Value{}, "Indiquez la date en entier : le jour, le mois et l'année, par exemple 27 3 2007."
	}
	if len(y) != 4 {
		return Value{}, "Indiquez l'année avec 4 chiffres, par exemple 2007."
	}
	t, ok := parseISODate(s)
	if !ok || t.Year() < 1900 || t.Year() > 2200 {
		return Value{}, "Cette date n'existe pas : vérifiez le jour, le mois et l'année, par exemple 27 3 2007."
	}
	iso := t.Format("2006-01-02")
	if fd.Limits.PastOnly && today != "" && iso > today {
		return Value{}, "La date doit être passée : vérifiez l'année."
	}
	if fd.Limits.FutureOnly && today != "" && iso < today {
		return Value{}, "La date doit être aujourd'hui ou plus tard : vérifiez l'année."
	}
	return Value{Text: iso}, ""
}

func cleanChoices(fd *Field, list []string) (Value, string) {
	var out []string
	for _, o := range fd.Options {
		for _, x := range list {
			if x == o.Value {
				out = append(out, o.Value)
				break
			}
		}
	}
	if len(out) != len(dedupe(list)) {
		return Value{}, "Choisissez parmi les réponses proposées."
	}
	if len(out) == 0 && fd.Required {
		return Value{}, requiredMessage(fd)
	}
	return Value{List: out}, ""
}

func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	var out []string
	for _, x := range list {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// NormalizeEmail returns an e-mail address with its domain in lower case, and whether it is
// one: a name, an @ and a domain with a dot, nothing else.
func NormalizeEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 254 || strings.ContainsAny(s, " <>\"\t\r\n") {
		return "", false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return "", false
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], strings.ToLower(s[at+1:])
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") ||
		strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "", false
	}
	return local + "@" + domain, true
}

func cleanEmail(s string) (Value, string) {
	if e, ok := NormalizeEmail(s); ok {
		return Value{Text: e}, ""
	}
	return Value{}, "Indiquez une adresse e-mail complète, par exemple nom@exemple.fr."
}

func cleanAddress(fd *Field, a *PostalAddress) (Value, string) {
	if a == nil {
		return Value{}, requiredMessage(fd)
	}
	c := PostalAddress{
		Street:   strings.Join(strings.Fields(a.Street), " "),
		Postcode: strings.ReplaceAll(strings.TrimSpace(a.Postcode), " ", ""),
		Town:     strings.Join(strings.Fields(a.Town), " "),
	}
	keep := Value{Address: &c}
	switch {
	case c.Street == "" || c.Postcode == "" || c.Town == "":
		return keep, "Indiquez l'adresse en entier : le numéro et la rue, le code postal et la commune."
	case len(c.Postcode) != 5 || strings.Trim(c.Postcode, "0123456789") != "":
		return keep, "Le code postal compte 5 chiffres, par exemple 75011."
	case utf8.RuneCountInString(c.Street) > 200 || utf8.RuneCountInString(c.Town) > 100:
		return keep, "L'adresse est trop longue : écrivez-la plus simplement."
	}
	return keep, ""
}

func cleanFile(fd *Field, f *FileRef) (Value, string) {
	if f == nil || f.ID == "" {
		return Value{}, requiredMessage(fd)
	}
	if f.Size > fd.MaxFileSize() {
		return Value{}, fmt.Sprintf("Le fichier pèse %s : il doit peser %s au plus.", HumanSize(f.Size), HumanSize(fd.MaxFileSize()))
	}
	for _, t := range fd.AcceptedFileTypes() {
		if t == f.Type {
			c := *f
			return Value{File: &c}, ""
		}
	}
	return Value{}, "Le fichier doit être au format " + FileTypesList(fd.AcceptedFileTypes()) + "."
}
