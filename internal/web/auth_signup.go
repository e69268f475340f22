package web

import (
	"net/http"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

type formView struct {
	Page
	Form      *Form
	Providers []providerButton // on the sign-up page only
}

func (s *Server) signUpPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "signup", formView{Page: s.page(r, "Créer un compte"), Form: emptyForm(), Providers: s.citizenButtons()})
}

func (s *Server) signUp(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	// Every mistake is reported at once, in the form's order, so one send shows them all.
	f.Require("name", "Indiquez votre nom et votre prénom.")
	if f.Get("email") == "" {
		f.Fail("email", "Indiquez votre adresse e-mail.")
	} else if err := identity.CheckEmail(f.Get("email")); err != nil {
		f.Fail("email", errs.MessageOf(err))
	}
	if f.Raw("password") == "" {
		f.Fail("password", "Choisissez un mot de passe d'au moins 12 caractères.")
	} else if err := identity.CheckPassword(f.Raw("password")); err != nil {
		f.Fail("password", errs.MessageOf(err))
	}
	var u *identity.User
	if f.Valid() {
		var err error
		u, err = s.Identity.CreateUser(r.Context(), identity.NewUser{
			Email: f.Get("email"), Name: f.Get("name"), Password: f.Raw("password"), Role: identity.RoleCitizen,
		})
		switch {
		case errs.Is(err, errs.Conflict):
			f.Fail("email", "Un compte existe déjà avec cette adresse. Connectez-vous, ou utilisez « Mot de passe oublié ».")
		case errs.Is(err, errs.Invalid):
			f.Fail(fieldOf(err, "email"), errs.MessageOf(err))
		case err != nil:
			return err
		}
	}
	if !f.Valid() {
		v := formView{Page: s.page(r, "Créer un compte"), Form: f, Providers: s.citizenButtons()}
		v.HasErrors = true
		return s.render(w, http.StatusUnprocessableEntity, "signup", v)
	}
	if _, err := s.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, "/compte", http.StatusSeeOther)
	return nil
}

// fieldOf returns the form field an error is about, or fallback when the
// error names none, so the message shows next to a field.
func fieldOf(err error, fallback string) string {
	if f := errs.FieldOf(err); f != "" {
		return f
	}
	return fallback
}
