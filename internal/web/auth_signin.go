package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

type signInView struct {
	Page
	Form      *Form
	Next      string
	Providers []providerButton
}

func (s *Server) signInView(r *http.Request, f *Form, next string) signInView {
	v := signInView{Page: s.page(r, "Se connecter"), Form: f, Next: safeNext(next)}
	v.HasErrors = !f.Valid()
	v.Providers = s.providerButtons(v.Next)
	return v
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) error {
	if fullySignedIn(r) {
		http.Redirect(w, r, landing(currentUser(r), r.URL.Query().Get("suite")), http.StatusSeeOther)
		return nil
	}
	return s.render(w, http.StatusOK, "signin", s.signInView(r, emptyForm(), r.URL.Query().Get("suite")))
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	next := f.Get("suite")
	if f.Get("email") == "" {
		f.Fail("email", "Indiquez votre adresse e-mail.")
	} else if identity.CheckEmail(f.Get("email")) != nil {
		// A malformed address is said beside the address, not as a wrong password.
		f.Fail("email", "Cette adresse e-mail n'est pas bien écrite. Vérifiez-la, par exemple prenom.nom@exemple.fr.")
	}
	if f.Raw("password") == "" {
		f.Fail("password", "Indiquez votre mot de passe.")
	}
	if !f.Valid() {
		return s.render(w, http.StatusUnprocessableEntity, "signin", s.signInView(r, f, next))
	}
	var device string
	if c, err := r.Cookie(deviceCookie); err == nil {
		device = c.Value
	}
	u, err := s.Identity.AuthenticateOnDevice(r.Context(), f.Get("email"), f.Raw("password"), s.clientIP(r), device)
	if identity.IsUnverified(err) {
		v := s.signUpSentView(r, emptyForm(), f.Get("email"), next)
		v.Unverified = true
		return s.render(w, http.StatusForbidden, "signup-sent", v)
	}
	if err != nil {
		status := http.StatusUnprocessableEntity
		switch errs.KindOf(err) {
		case errs.TooMany:
			status = http.StatusTooManyRequests
		case errs.Invalid:
		default:
			return err
		}
		f.Fail("password", errs.MessageOf(err))
		return s.render(w, status, "signin", s.signInView(r, f, next))
	}
	if _, err := s.startSession(w, r, u); err != nil {
		return err
	}
	s.setDeviceCookie(w, u)
	http.Redirect(w, r, s.afterSignIn(u, next), http.StatusSeeOther)
	return nil
}

// deviceCookie marks a browser where its owner signed in with a password,
// so that an attacker's wrong passwords never delay that browser.
const deviceCookie = "guichet_appareil"

func (s *Server) setDeviceCookie(w http.ResponseWriter, u *identity.User) {
	http.SetCookie(w, &http.Cookie{
		Name: deviceCookie, Value: s.Identity.DeviceToken(u.ID), Path: "/connexion",
		MaxAge: int(identity.DeviceTTL.Seconds()), HttpOnly: true, Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
}

// startSession opens a new session for u, closing the one the browser had:
// the session identifier changes at every sign-in. It returns the new
// session's token.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *identity.User) (string, error) {
	if old := sessionToken(r); old != "" {
		s.Identity.DeleteSession(r.Context(), old)
	}
	token, err := s.Identity.CreateSession(r.Context(), u.ID, s.clientIP(r), r.UserAgent())
	if err != nil {
		return "", err
	}
	s.setSessionCookie(w, token)
	return token, nil
}

// afterSignIn sends those who need a second factor to it (staff without
// one to enrol) and others where they were going.
func (s *Server) afterSignIn(u *identity.User, next string) string {
	if u.NeedsSecondFactor() {
		if !u.TOTPEnabled {
			return "/connexion/second-facteur/activer"
		}
		return "/connexion/second-facteur"
	}
	return landing(u, next)
}

func landing(u *identity.User, next string) string {
	if n := safeNext(next); n != "" {
		return n
	}
	if u != nil && u.IsStaff() {
		return "/espace"
	}
	return "/compte"
}

// safeNext keeps only a path on this site, so that a link cannot send a
// person to another site after sign-in; anything else gives "", the
// default page. Browsers drop tabs and line breaks from addresses and read
// "\" as "/", so "/\t/site.example" would become "//site.example": any
// space, control character or backslash, raw or percent-encoded in the
// path, is refused rather than cleaned.
func safeNext(next string) string {
	if len(next) > 2048 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || !printable(next) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || !printable(u.Path) {
		return ""
	}
	return next
}

// printable tells whether s has only visible characters and no backslash.
func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == ' ' || r == '\\' {
			return false
		}
	}
	return true
}

// signOut always ends the local session first. When a provider opened
// it, the browser then goes to the provider's end-session endpoint, which
// sends it back to /deconnexion/retour; the local sign-out holds even if
// the provider never answers.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	var endURL string
	if t := sessionToken(r); t != "" {
		issuer, idToken, err := s.Identity.SessionOIDC(r.Context(), t)
		if err != nil {
			s.Logger.Warn("read the session's provider at sign-out", "err", err)
		}
		if err := s.Identity.DeleteSession(r.Context(), t); err != nil {
			return err
		}
		endURL = s.endSessionURL(w, issuer, idToken)
	}
	s.clearSessionCookie(w)
	if endURL != "" {
		http.Redirect(w, r, endURL, http.StatusSeeOther)
		return nil
	}
	return s.signedOutPage(w, r, "Vous êtes déconnecté. À bientôt.")
}

// signedOutPage is the home page, with its life events and categories,
// saying goodbye.
func (s *Server) signedOutPage(w http.ResponseWriter, r *http.Request, notice string) error {
	v, err := s.homeView(r)
	if err != nil {
		return err
	}
	v.User, v.SignedIn = nil, false
	v.Notice = notice
	// The title says what happened: this is the home page, seen signed out (RGAA 8.6).
	v.Title = "Vous êtes déconnecté : accueil"
	return s.render(w, http.StatusOK, "home", v)
}
