package web

import (
	"encoding/base64"
	"html/template"
	"net/http"

	"guichet/internal/errs"
)

func (s *Server) secondFactorPage(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	if !u.TOTPEnabled {
		http.Redirect(w, r, "/connexion/second-facteur/activer", http.StatusSeeOther)
		return nil
	}
	if fullySignedIn(r) {
		http.Redirect(w, r, landing(u, ""), http.StatusSeeOther)
		return nil
	}
	return s.render(w, http.StatusOK, "second-factor", formView{Page: s.page(r, "Code de sécurité"), Form: emptyForm()})
}

func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("code", "Indiquez le code à 6 chiffres affiché par votre application.")
	return s.checkSecondFactor(w, r, f, "code", func() error {
		return s.Identity.VerifyTOTP(r.Context(), currentUser(r).ID, f.Get("code"))
	})
}

func (s *Server) recoveryCode(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("recovery", "Indiquez un de vos codes de secours.")
	return s.checkSecondFactor(w, r, f, "recovery", func() error {
		return s.Identity.UseRecoveryCode(r.Context(), currentUser(r).ID, f.Get("recovery"))
	})
}

// checkSecondFactor runs verify and, when it passes, marks the session as
// complete; otherwise it shows the page again with the message.
func (s *Server) checkSecondFactor(w http.ResponseWriter, r *http.Request, f *Form, fieldName string, verify func() error) error {
	status := http.StatusUnprocessableEntity
	if f.Valid() {
		err := verify()
		switch errs.KindOf(err) {
		case errs.TooMany:
			status = http.StatusTooManyRequests
			f.Fail(fieldName, errs.MessageOf(err))
		case errs.Invalid:
			f.Fail(fieldName, errs.MessageOf(err))
		default:
			if err != nil {
				return err
			}
			if err := s.Identity.MarkSecondFactor(r.Context(), sessionToken(r)); err != nil {
				return err
			}
			http.Redirect(w, r, landing(currentUser(r), ""), http.StatusSeeOther)
			return nil
		}
	}
	v := formView{Page: s.page(r, "Code de sécurité"), Form: f}
	v.HasErrors = true
	return s.render(w, status, "second-factor", v)
}

type enrolView struct {
	Page
	Form    *Form
	Pending bool         // a key was made and waits for its first code
	QR      template.URL // a data: URL, which html/template refuses unless typed so
	Secret  string
}

func (s *Server) enrolPage(w http.ResponseWriter, r *http.Request) error {
	return s.showEnrol(w, r, emptyForm(), http.StatusOK)
}

// showEnrol shows the key waiting for its first code, or a button to make
// one: showing the page changes nothing, so that a link from another site
// cannot replace the key a person is scanning.
func (s *Server) showEnrol(w http.ResponseWriter, r *http.Request, f *Form, status int) error {
	u := currentUser(r)
	if u.TOTPEnabled {
		http.Redirect(w, r, "/connexion/second-facteur", http.StatusSeeOther)
		return nil
	}
	secret, _, png, pending, err := s.Identity.PendingTOTP(r.Context(), u.ID)
	if err != nil {
		return err
	}
	v := enrolView{Page: s.page(r, "Activer le second facteur"), Form: f, Pending: pending, Secret: secret}
	if pending {
		v.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	v.HasErrors = !f.Valid()
	return s.render(w, status, "second-factor-enrol", v)
}

// enrolKey makes a new key and shows it.
func (s *Server) enrolKey(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	if !u.TOTPEnabled {
		if _, _, _, err := s.Identity.BeginTOTP(r.Context(), u.ID); err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/connexion/second-facteur/activer", http.StatusSeeOther)
	return nil
}

func (s *Server) enrol(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("code", "Indiquez le code à 6 chiffres affiché par votre application.")
	if f.Valid() {
		codes, err := s.Identity.ConfirmTOTP(r.Context(), currentUser(r).ID, f.Get("code"))
		switch errs.KindOf(err) {
		case errs.Invalid, errs.TooMany:
			f.Fail("code", errs.MessageOf(err))
		default:
			if err != nil {
				return err
			}
			if err := s.Identity.MarkSecondFactor(r.Context(), sessionToken(r)); err != nil {
				return err
			}
			v := struct {
				Page
				Codes []string
			}{s.page(r, "Vos codes de secours"), codes}
			v.SignedIn = true
			return s.render(w, http.StatusOK, "recovery-codes", v)
		}
	}
	return s.showEnrol(w, r, f, http.StatusUnprocessableEntity)
}
