package identity

import (
	"net/mail"
	"strings"

	"guichet/internal/errs"
)

// normaliseEmail trims and lower-cases an address, so that one person has
// one account whatever the capitals they type. It drops NUL bytes and
// invalid UTF-8, which no address has and PostgreSQL refuses to compare.
func normaliseEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(cleanText(email)))
}

// cleanText removes what a text column cannot hold: NUL bytes and invalid UTF-8.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// checkEmail returns the normalised address, or an errs.Invalid error when
// it is not a plain address like prenom.nom@exemple.fr.
func checkEmail(email string) (string, error) {
	email = normaliseEmail(email)
	bad := errs.InvalidField("email", "Indiquez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.")
	if email == "" {
		return "", errs.InvalidField("email", "Indiquez votre adresse e-mail, par exemple prenom.nom@exemple.fr.")
	}
	if len(email) > 254 {
		return "", bad
	}
	// ParseAddress also accepts "Nom <a@b>" and comments: only the bare
	// address itself is kept as valid.
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || addr.Name != "" {
		return "", bad
	}
	at := strings.LastIndexByte(email, '@')
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") ||
		strings.ContainsAny(email, " \"()<>[]\\,;:") {
		return "", bad
	}
	return email, nil
}
