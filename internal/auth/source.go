package auth

import (
	"log/slog"
	"net/http"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// A Source finds who a request comes from by one kind of credential.
// Authenticate returns nil, nil when the request carries no credential of
// its kind, and an errs.Unauthorized error when it carries one that no
// longer works (an ended session, a revoked token).
type Source interface {
	Authenticate(r *http.Request) (*Principal, error)
	// Forget tells the client to drop a credential that no longer works
	// (clears the cookie); a token source does nothing.
	Forget(w http.ResponseWriter)
}

// Load returns a middleware that puts the principal of the first source
// that finds one in the request context. A credential that no longer works
// is forgotten and the request goes on anonymous.
func Load(logger *slog.Logger, sources ...Source) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, src := range sources {
				p, err := src.Authenticate(r)
				if err != nil {
					if !errs.Is(err, errs.Unauthorized) {
						logger.Error("load session", "err", err)
					}
					src.Forget(w)
					continue
				}
				if p != nil {
					r = r.WithContext(WithPrincipal(r.Context(), p))
					break
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// SessionCookie is the browser session: a random token in a cookie, looked
// up in the identity service.
type SessionCookie struct {
	Identity *identity.Service
	// Secure is true when Guichet is served over https: the cookie is then
	// Secure and named with the __Host- prefix, which browsers accept only
	// from a secure origin, for path /, without a domain, so that no
	// sibling site or plain-http page can set or overwrite it.
	Secure bool
}

// cookieName is the session cookie's name over plain http (development).
const cookieName = "guichet_session"

// Name returns the cookie's name.
func (c SessionCookie) Name() string {
	if c.Secure {
		return "__Host-" + cookieName
	}
	return cookieName
}

// Authenticate looks up the session the cookie names.
func (c SessionCookie) Authenticate(r *http.Request) (*Principal, error) {
	ck, err := r.Cookie(c.Name())
	if err != nil || ck.Value == "" {
		return nil, nil
	}
	sess, u, err := c.Identity.SessionByToken(r.Context(), ck.Value)
	if err != nil {
		return nil, err
	}
	return &Principal{User: u, Session: sess, Token: ck.Value}, nil
}

// Set gives the browser the session token.
func (c SessionCookie) Set(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: c.Name(), Value: token, Path: "/", HttpOnly: true,
		Secure: c.Secure, SameSite: http.SameSiteLaxMode})
}

// Forget tells the browser to drop the session cookie.
func (c SessionCookie) Forget(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: c.Name(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: c.Secure, SameSite: http.SameSiteLaxMode})
}
