package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"guichet/internal/errs"
)

const oidcCookie = "guichet_oidc"

// oidcStart sends a citizen to the identity provider. The state, nonce and
// PKCE verifier travel in a short-lived cookie bound to this browser.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) error {
	if s.OIDC == nil {
		return errs.E(errs.NotFound, "La connexion par un fournisseur d'identité n'est pas proposée ici.")
	}
	state, nonce, verifier := randomString(), randomString(), randomString()+randomString()
	http.SetCookie(w, &http.Cookie{
		Name: oidcCookie, Value: state + "." + nonce + "." + verifier + "." + base64.RawURLEncoding.EncodeToString([]byte(safeNext(r.URL.Query().Get("suite")))),
		Path: "/connexion/oidc", MaxAge: int((10 * time.Minute).Seconds()), HttpOnly: true,
		Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, s.OIDC.AuthURL(state, nonce, verifier), http.StatusFound)
	return nil
}

func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) error {
	if s.OIDC == nil {
		return errs.E(errs.NotFound, "La connexion par un fournisseur d'identité n'est pas proposée ici.")
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
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/connexion/oidc", MaxAge: -1})
	if e := q.Get("error"); e != "" {
		return errs.E(errs.Invalid, "La connexion a été annulée ou refusée par le fournisseur d'identité. Vous pouvez recommencer, ou vous connecter avec votre adresse e-mail.")
	}
	claims, err := s.OIDC.Exchange(r.Context(), q.Get("code"), parts[1], parts[2])
	if err != nil {
		return errs.Wrap(errs.Invalid, "La connexion n'a pas pu être vérifiée. Recommencez depuis la page de connexion.", err)
	}
	u, err := s.Identity.SignInWithOIDC(r.Context(), claims)
	if err != nil {
		return err
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	next, _ := base64.RawURLEncoding.DecodeString(parts[3])
	http.Redirect(w, r, s.afterSignIn(u, string(next)), http.StatusSeeOther)
	return nil
}

func randomString() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
