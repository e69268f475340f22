package identity

// CheckEmail returns an errs.Invalid error naming the field "email" when email is not a
// plain address like prenom.nom@exemple.fr, so that a form can report it with the form's
// other mistakes before any account is touched.
func CheckEmail(email string) error {
	_, err := checkEmail(email)
	return err
}

// CheckPassword returns an errs.Invalid error naming the field "password" when p does not
// follow the password policy (length), for the same reason as CheckEmail.
func CheckPassword(p string) error {
	return checkPasswordPolicy(p)
}
