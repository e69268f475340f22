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
	// Next is where the identity provider's button leads back to (a
	// procedure being started, say), kept from the sign-in page's "suite".
	Next string
}

// signUpView is the sign-up page, whose identity provider's button leads
// back to next.
func (s *Server) signUpView(r *http.Request, f *Form, next string) formView {
	next = safeNext(next)
	v := formView{Page: s.page(r, "Créer un compte"), Form: f, Next: next, Providers: s.citizenButtons(next)}
	v.HasErrors = !f.Valid()
	return v
}

func (s *Server) signUpPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "signup", s.signUpView(r, emptyForm(), r.URL.Query().Get("suite")))
}

// signUp answers the same for a new and a known address: both are told to
// open the e-mail just sent, so the page tells nobody who has an account.
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
	status := http.StatusUnprocessableEntity
	if f.Valid() {
		// The confirmation link carries where the person was going (a
		// procedure they started), so that they land there once signed in.
		err := s.Identity.SignUp(r.Context(), identity.NewUser{
			Email: f.Get("email"), Name: f.Get("name"), Password: f.Raw("password"), Role: identity.RoleCitizen,
			Next: safeNext(f.Get("suite")),
		}, s.clientIP(r))
		switch {
		case errs.Is(err, errs.TooMany):
			status = http.StatusTooManyRequests
			f.Fail("email", errs.MessageOf(err))
		case errs.Is(err, errs.Invalid), errs.Is(err, errs.Conflict):
			f.Fail(fieldOf(err, "email"), errs.MessageOf(err))
		case err != nil:
			return err
		default:
			return s.render(w, http.StatusOK, "signup-sent", s.signUpSentView(r, emptyForm(), f.Get("email"), f.Get("suite")))
		}
	}
	return s.render(w, status, "signup", s.signUpView(r, f, f.Get("suite")))
}

// signUpSentView is the page that says to open the e-mail, with a form to
// have the link sent again.
type signUpSentView struct {
	Page
	Form       *Form
	Email      string
	Unverified bool   // reached by signing in before confirming
	Next       string // where a new link leads back to
}

func (s *Server) signUpSentView(r *http.Request, f *Form, email, next string) signUpSentView {
	if f.Get("email") == "" {
		f.Values.Set("email", email)
	}
	v := signUpSentView{Page: s.page(r, "Confirmez votre adresse e-mail"), Form: f, Email: email, Next: safeNext(next)}
	v.HasErrors = !f.Valid()
	return v
}

// resendVerification sends the link again; like sign-up, it answers the
// same whatever the address.
func (s *Server) resendVerification(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("email", "Indiquez votre adresse e-mail.")
	status := http.StatusUnprocessableEntity
	if f.Valid() {
		err := s.Identity.ResendVerification(r.Context(), f.Get("email"), s.clientIP(r), safeNext(f.Get("suite")))
		switch errs.KindOf(err) {
		case errs.TooMany:
			status = http.StatusTooManyRequests
			f.Fail("email", errs.MessageOf(err))
		case errs.Invalid:
			f.Fail("email", errs.MessageOf(err))
		default:
			if err != nil {
				return err
			}
			v := s.signUpSentView(r, emptyForm(), f.Get("email"), f.Get("suite"))
			v.Notice = "Si cette adresse attend d'être confirmée, un nouveau lien vient de lui être envoyé."
			return s.render(w, http.StatusOK, "signup-sent", v)
		}
	}
	return s.render(w, status, "signup-sent", s.signUpSentView(r, f, f.Get("email"), f.Get("suite")))
}

type verifyEmailView struct {
	Page
	Token string
	Next  string // where the person goes once signed in
}

// verifyEmailPage shows a button: opening the link changes nothing, since
// mail filters open links to check them.
func (s *Server) verifyEmailPage(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("jeton")
	if token == "" {
		return errs.E(errs.NotFound, "Ce lien n'est pas complet. Recopiez tout le lien reçu par e-mail.")
	}
	return s.render(w, http.StatusOK, "signup-confirm", verifyEmailView{Page: s.page(r, "Confirmer votre adresse e-mail"),
		Token: token, Next: safeNext(r.URL.Query().Get("suite"))})
}

func (s *Server) verifyEmail(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	if err := s.Identity.VerifyEmail(r.Context(), f.Get("jeton")); err != nil {
		return err
	}
	// The sign-in form keeps where the person was going (signInView
	// checks it is on this site).
	v := s.signInView(r, emptyForm(), f.Get("suite"))
	v.Notice = "Votre adresse est confirmée. Connectez-vous avec votre adresse e-mail et votre mot de passe."
	return s.render(w, http.StatusOK, "signin", v)
}

// fieldOf returns the form field an error is about, or fallback when the
// error names none, so the message shows next to a field.
func fieldOf(err error, fallback string) string {
	if f := errs.FieldOf(err); f != "" {
		return f
	}
	return fallback
}
