package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// provider is one identity provider offered on the sign-in page: the
// citizens' (FranceConnect, at /connexion/oidc) or the staff's
// (ProConnect, at /connexion/proconnect).
type provider struct {
	oidc *identity.OIDC
	path string // where the sign-in starts; the return is path + "/retour"
}

// providerButton is a provider's button on the sign-in and sign-up pages.
type providerButton struct {
	Name, Href, AboutURL string
}

// providers returns the configured providers, the citizens' first.
func (s *Server) providers() []provider {
	var out []provider
	if s.OIDC != nil {
		out = append(out, provider{s.OIDC, "/connexion/oidc"})
	}
	if s.ProConnect != nil {
		out = append(out, provider{s.ProConnect, "/connexion/proconnect"})
	}
	return out
}

// providerButtons returns the buttons of the configured providers; next is
// where the person goes after signing in.
func (s *Server) providerButtons(next string) []providerButton {
	var out []providerButton
	for _, p := range s.providers() {
		href := p.path
		if next = safeNext(next); next != "" {
			href += "?suite=" + next
		}
		out = append(out, providerButton{Name: p.oidc.Name(), Href: href, AboutURL: p.oidc.Profile().AboutURL})
	}
	return out
}

// citizenButtons returns the citizens' provider button alone, for the
// sign-up page: staff accounts are not created there.
func (s *Server) citizenButtons(next string) []providerButton {
	if s.OIDC == nil {
		return nil
	}
	return s.providerButtons(next)[:1]
}

func (s *Server) providerAt(path string) (provider, error) {
	for _, p := range s.providers() {
		if p.path == path {
			return p, nil
		}
	}
	return provider{}, errs.E(errs.NotFound, "La connexion par ce fournisseur d'identité n'est pas proposée ici.")
}

// oidcCookie carries state, nonce and PKCE verifier of one sign-in, bound
// to this browser, for ten minutes.
const oidcCookie = "guichet_oidc"

// oidcStart sends a person to the identity provider of the route.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) error {
	p, err := s.providerAt(strings.TrimSuffix(r.URL.Path, "/"))
	if err != nil {
		return err
	}
	req := identity.NewAuthRequest()
	next := base64.RawURLEncoding.EncodeToString([]byte(safeNext(r.URL.Query().Get("suite"))))
	http.SetCookie(w, &http.Cookie{
		Name: oidcCookie, Value: req.State + "." + req.Nonce + "." + req.Verifier + "." + next,
		Path: p.path, MaxAge: int((10 * time.Minute).Seconds()), HttpOnly: true,
		Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, p.oidc.AuthURL(req), http.StatusFound)
	return nil
}

// oidcCallback is where the provider sends the person back: it checks the
// state against the browser's cookie (used once), shows the provider's
// error if any, verifies the sign-in and opens a session.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) error {
	p, err := s.providerAt(strings.TrimSuffix(r.URL.Path, "/retour"))
	if err != nil {
		return err
	}
	c, err := r.Cookie(oidcCookie)
	parts := []string{}
	if err == nil {
		parts = strings.SplitN(c.Value, ".", 4)
	}
	q := r.URL.Query()
	if len(parts) != 4 || q.Get("state") == "" || q.Get("state") != parts[0] {
		return errs.E(errs.Invalid, "La connexion a expiré ou n'a pas été demandée depuis ce navigateur. Recommencez depuis la page de connexion.")
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: p.path, MaxAge: -1, HttpOnly: true, Secure: s.Settings.TLS()})
	if e := q.Get("error"); e != "" {
		return s.providerError(w, r, p, e, q.Get("error_description"))
	}
	claims, err := p.oidc.Exchange(r.Context(), q.Get("code"), identity.AuthRequest{State: parts[0], Nonce: parts[1], Verifier: parts[2]})
	if err != nil {
		s.Logger.Warn("openid connect sign-in refused", "provider", p.oidc.Name(), "err", err)
		return errs.Wrap(errs.Invalid, "La connexion avec "+p.oidc.Name()+" n'a pas pu être vérifiée. Recommencez depuis la page de connexion.", err)
	}
	out, err := s.Identity.SignInWithOIDC(r.Context(), claims)
	if err != nil {
		return err
	}
	next, _ := base64.RawURLEncoding.DecodeString(parts[3])
	if out.LinkToken != "" {
		return s.startLink(w, r, out.LinkToken, p, string(next))
	}
	token, err := s.startSession(w, r, out.User)
	if err != nil {
		return err
	}
	// Only ProConnect's multi-factor sign-in stands in for staff's own code.
	mfa := claims.MultiFactor && p.path == "/connexion/proconnect"
	if err := s.Identity.AttachOIDC(r.Context(), token, claims.Issuer, claims.IDToken, mfa); err != nil {
		return err
	}
	dest := s.afterSignIn(out.User, string(next))
	if mfa {
		dest = landing(out.User, string(next))
	}
	http.Redirect(w, r, dest, http.StatusSeeOther)
	return nil
}

// providerError shows, on the sign-in page, what the provider said went
// wrong, in plain French, with the ways to sign in again.
func (s *Server) providerError(w http.ResponseWriter, r *http.Request, p provider, code, desc string) error {
	msg := p.oidc.Name() + " n'a pas pu vous identifier"
	if code == "access_denied" {
		msg = "Vous avez annulé la connexion avec " + p.oidc.Name()
	}
	if desc = strings.TrimSpace(desc); desc != "" {
		r := []rune(desc)
		msg += " (message de " + p.oidc.Name() + " : « " + string(r[:min(len(r), 200)]) + " »)"
	}
	v := s.signInView(r, emptyForm(), "")
	v.Notice = msg + ". Vous pouvez recommencer, ou vous connecter avec votre adresse e-mail et votre mot de passe."
	return s.render(w, http.StatusBadRequest, "signin", v)
}

// oidcKeys publishes the public half of Guichet's keys, to which
// FranceConnect+ encrypts the ID token and userinfo.
func (s *Server) oidcKeys(w http.ResponseWriter, r *http.Request) error {
	if len(s.OIDCPublicKeys) == 0 {
		return errs.E(errs.NotFound, "")
	}
	w.Header().Set("Content-Type", "application/jwk-set+json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(s.OIDCPublicKeys)
	return err
}
