package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"guichet/internal/errs"
)

// linkCookie names the pending link of a provider's identity to an
// existing account, with where to go next and which provider it is.
const linkCookie = "guichet_link"

type linkView struct {
	Page
	Form     *Form
	Email    string
	Provider string
}

// startLink asks the person to prove, with the password of the account
// that has the provider's address, that the account is theirs.
func (s *Server) startLink(w http.ResponseWriter, r *http.Request, token string, p provider, next string) error {
	http.SetCookie(w, &http.Cookie{
		Name:  linkCookie,
		Value: token + "." + base64.RawURLEncoding.EncodeToString([]byte(next)) + "." + base64.RawURLEncoding.EncodeToString([]byte(p.path)),
		Path:  "/connexion/rattacher", MaxAge: int((15 * time.Minute).Seconds()), HttpOnly: true,
		Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, "/connexion/rattacher", http.StatusSeeOther)
	return nil
}

// pendingLink reads the link cookie: the request's token, the next page
// and the provider's name.
func (s *Server) pendingLink(r *http.Request) (token, next, name string, err error) {
	c, cerr := r.Cookie(linkCookie)
	parts := []string{}
	if cerr == nil {
		parts = strings.SplitN(c.Value, ".", 3)
	}
	if len(parts) != 3 {
		return "", "", "", errs.E(errs.Invalid, "La demande de rattachement a expiré. Recommencez depuis la page de connexion.")
	}
	n, _ := base64.RawURLEncoding.DecodeString(parts[1])
	path, _ := base64.RawURLEncoding.DecodeString(parts[2])
	name = "votre fournisseur d'identité"
	if p, err := s.providerAt(string(path)); err == nil {
		name = p.oidc.Name()
	}
	return parts[0], string(n), name, nil
}

func (s *Server) linkView(r *http.Request, f *Form, email, name string) linkView {
	v := linkView{Page: s.page(r, "Relier votre compte à "+name), Form: f, Email: email, Provider: name}
	v.HasErrors = !f.Valid()
	return v
}

func (s *Server) linkPage(w http.ResponseWriter, r *http.Request) error {
	token, _, name, err := s.pendingLink(r)
	if err != nil {
		return err
	}
	email, err := s.Identity.PendingLink(r.Context(), token)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "oidc-link", s.linkView(r, emptyForm(), email, name))
}

// link confirms the pending link with the account's password, then signs
// the person in.
func (s *Server) link(w http.ResponseWriter, r *http.Request) error {
	token, next, name, err := s.pendingLink(r)
	if err != nil {
		return err
	}
	email, err := s.Identity.PendingLink(r.Context(), token)
	if err != nil {
		return err
	}
	f := newForm(r)
	if f.Raw("password") == "" {
		f.Fail("password", "Indiquez le mot de passe de votre compte.")
		return s.render(w, http.StatusUnprocessableEntity, "oidc-link", s.linkView(r, f, email, name))
	}
	u, err := s.Identity.LinkWithPassword(r.Context(), token, f.Raw("password"), s.clientIP(r))
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
		return s.render(w, status, "oidc-link", s.linkView(r, f, email, name))
	}
	http.SetCookie(w, &http.Cookie{Name: linkCookie, Path: "/connexion/rattacher", MaxAge: -1, HttpOnly: true, Secure: s.Settings.TLS()})
	if _, err := s.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, s.afterSignIn(u, next), http.StatusSeeOther)
	return nil
}
