package web

import (
	"net/http"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

type forgotView struct {
	Page
	Form  *Form
	Sent  bool
	Email string
}

func (s *Server) forgotPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "password-forgot", forgotView{Page: s.page(r, "Mot de passe oublié"), Form: emptyForm()})
}

// forgot answers the same whether or not an account exists, so the page
// cannot be used to learn who has an account.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("email", "Indiquez l'adresse e-mail de votre compte.")
	v := forgotView{Page: s.page(r, "Mot de passe oublié"), Form: f, Email: f.Get("email")}
	if f.Valid() {
		err := s.Identity.RequestPasswordReset(r.Context(), f.Get("email"), s.clientIP(r))
		switch errs.KindOf(err) {
		case errs.Invalid, errs.TooMany:
			f.Fail("email", errs.MessageOf(err))
		default:
			if err != nil {
				return err
			}
			v.Sent = true
			return s.render(w, http.StatusOK, "password-forgot", v)
		}
	}
	v.HasErrors = true
	return s.render(w, http.StatusUnprocessableEntity, "password-forgot", v)
}

type newPasswordView struct {
	Page
	Form  *Form
	Token string
}

func (s *Server) newPasswordPage(w http.ResponseWriter, r *http.Request) error {
	v := newPasswordView{Page: s.page(r, "Nouveau mot de passe"), Form: emptyForm(), Token: r.URL.Query().Get("jeton")}
	if v.Token == "" {
		return errs.E(errs.NotFound, "Ce lien n'est pas complet. Recopiez tout le lien reçu par e-mail, ou demandez-en un nouveau.")
	}
	return s.render(w, http.StatusOK, "password-new", v)
}

func (s *Server) newPassword(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	v := newPasswordView{Page: s.page(r, "Nouveau mot de passe"), Form: f, Token: f.Get("jeton")}
	if f.Raw("password") == "" {
		f.Fail("password", "Choisissez un mot de passe d'au moins 12 caractères.")
	} else if err := identity.CheckPassword(f.Raw("password")); err != nil {
		f.Fail("password", errs.MessageOf(err))
	}
	if f.Valid() {
		err := s.Identity.ResetPassword(r.Context(), v.Token, f.Raw("password"))
		switch errs.KindOf(err) {
		case errs.Invalid, errs.NotFound, errs.TooMany:
			f.Fail("password", errs.MessageOf(err))
		default:
			if err != nil {
				return err
			}
			s.clearSessionCookie(w)
			sv := s.signInView(r, emptyForm(), "")
			sv.User, sv.SignedIn = nil, false
			sv.Notice = "Votre mot de passe est changé. Connectez-vous avec le nouveau."
			return s.render(w, http.StatusOK, "signin", sv)
		}
	}
	v.HasErrors = true
	return s.render(w, http.StatusUnprocessableEntity, "password-new", v)
}
