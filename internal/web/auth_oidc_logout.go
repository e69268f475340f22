package web

import (
	"crypto/subtle"
	"net/http"

	"guichet/internal/identity"
)

// logoutCookie carries the state sent to the provider's end-session
// endpoint, checked when the browser comes back.
const logoutCookie = "guichet_logout"

// endSessionURL returns the end-session address of the provider of issuer
// for idToken, with a fresh state kept in a cookie, or "" when no
// configured provider has issuer or offers an end-session endpoint.
func (s *Server) endSessionURL(w http.ResponseWriter, issuer, idToken string) string {
	if issuer == "" || idToken == "" {
		return ""
	}
	for _, p := range s.providers() {
		if p.oidc.Issuer() != issuer {
			continue
		}
		state := identity.NewAuthRequest().State
		u := p.oidc.EndSessionURL(idToken, state)
		if u == "" {
			return ""
		}
		http.SetCookie(w, &http.Cookie{Name: logoutCookie, Value: state, Path: "/deconnexion", MaxAge: 600,
			HttpOnly: true, Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode})
		return u
	}
	return ""
}

// signOutReturn is where the provider sends the browser back after its
// end-session endpoint. The local session ended before the browser left.
func (s *Server) signOutReturn(w http.ResponseWriter, r *http.Request) error {
	c, err := r.Cookie(logoutCookie)
	http.SetCookie(w, &http.Cookie{Name: logoutCookie, Path: "/deconnexion", MaxAge: -1, HttpOnly: true, Secure: s.Settings.TLS()})
	state := r.URL.Query().Get("state")
	if err != nil || state == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		return s.signedOutPage(w, r, "Vous êtes déconnecté de Guichet. Nous n'avons pas pu vérifier la fin de votre connexion chez le fournisseur d'identité : fermez votre navigateur si l'ordinateur est partagé.")
	}
	return s.signedOutPage(w, r, "Vous êtes déconnecté. À bientôt.")
}
