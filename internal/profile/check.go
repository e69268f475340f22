package profile

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// maxText bounds every text of a profile.
const maxText = 200

// check returns v cleaned for item, or errs.InvalidFields naming the form
// fields of the profile page ("street", "postcode"…) in page order.
func check(item Item, v Value, today time.Time) (Value, error) {
	var problems []errs.FieldError
	fail := func(field, msg string) { problems = append(problems, errs.FieldError{Field: field, Message: msg}) }
	text := func(field, s, missing string) string {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			fail(field, missing)
		case utf8.RuneCountInString(s) > maxText:
			fail(field, "Ce texte est trop long : 200 caractères au plus.")
		}
		return s
	}
	out := Value{}
	switch item {
	case Identity:
		out.GivenName = text("given_name", v.GivenName, "Indiquez votre prénom.")
		out.FamilyName = text("family_name", v.FamilyName, "Indiquez votre nom de famille.")
		out.Birthdate = checkBirthdate(v.Birthdate, today, fail)
	case Address:
		a := v.Address
		if a == nil {
			a = &forms.PostalAddress{}
		}
		out.Address = &forms.PostalAddress{
			Street:   text("street", a.Street, "Indiquez le numéro et la rue, par exemple 12 rue des Lilas."),
			Postcode: strings.ReplaceAll(strings.TrimSpace(a.Postcode), " ", ""),
		}
		if !isPostcode(out.Address.Postcode) {
			fail("postcode", "Indiquez le code postal en 5 chiffres, par exemple 69100.")
		}
		out.Address.Town = text("town", a.Town, "Indiquez la commune, par exemple Villeurbanne.")
	case Phone:
		p, ok := forms.NormalizePhone(v.Text)
		if !ok {
			fail("phone", "Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.")
		}
		out.Text = p
	case Email:
		e, ok := forms.NormalizeEmail(v.Text)
		if !ok {
			fail("email", "Indiquez une adresse e-mail, par exemple nom@exemple.fr.")
		}
		out.Text = e
	case IBAN:
		iban, ok := forms.NormalizeIBAN(v.Text)
		if !ok {
			fail("iban", "Cet IBAN n'est pas valable : recopiez-le depuis votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189.")
		}
		out.Text = iban
	case Family:
		out.Situation = v.Situation
		known := false
		for _, o := range Situations {
			known = known || o.Value == v.Situation
		}
		if !known {
			fail("situation", "Choisissez votre situation familiale.")
		}
		if v.Children < 0 || v.Children > 20 {
			fail("children", "Indiquez le nombre d'enfants à votre charge, de 0 à 20.")
		}
		out.Children = v.Children
	default:
		return Value{}, errs.E(errs.NotFound, "Cette information du profil n'existe pas.")
	}
	if len(problems) > 0 {
		return out, errs.InvalidFields("Certaines informations sont à corriger.", problems)
	}
	return out, nil
}

func isPostcode(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// checkBirthdate takes 27/03/1985 (or 27 3 1985, or 1985-03-27) and
// returns 1985-03-27.
func checkBirthdate(s string, today time.Time, fail func(field, msg string)) string {
	const msg = "Indiquez votre date de naissance, par exemple 27/03/1985."
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil && t.Before(today) {
		return s
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ' ' || r == '.' || r == '-' })
	if len(parts) != 3 {
		fail("birthdate", msg)
		return s
	}
	d, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	iso := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	t, err := time.Parse("2006-01-02", iso)
	if err1 != nil || err2 != nil || err3 != nil || err != nil || !t.Before(today) || t.Year() < 1900 {
		fail("birthdate", msg)
		return s
	}
	return iso
}
