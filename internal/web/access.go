package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"guichet/internal/auth"
	"guichet/internal/identity"
)

// access says who may use a route: a rule of internal/auth, checked on the
// server for every request, before the handler runs.
type access = auth.Rule

var (
	anyone    = auth.Anyone
	signedIn  = auth.SignedIn
	secondFac = auth.SecondFactorPending
	// platformAdmin admits the administrators of the platform's own
	// organisation: platform-wide pages are theirs alone.
	platformAdmin = auth.PlatformAdmin
)

// staff admits members holding one of roles, in the route's {org} when it
// has one (see auth.Staff).
func staff(roles ...identity.Role) access { return auth.Staff(roles...) }

// errHandled tells wrap that the response is already written.
var errHandled = errors.New("response written")

// authorize enforces a on r. It redirects to sign-in, or to the second
// factor, when that is what the person needs to do next.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, a access) error {
	err := auth.Check(r, a)
	switch {
	case errors.Is(err, auth.ErrSignInNeeded):
		if r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") {
			http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return errHandled
		}
	case errors.Is(err, auth.ErrSecondFactorNeeded):
		http.Redirect(w, r, "/connexion/second-facteur", http.StatusSeeOther)
		return errHandled
	case errors.Is(err, auth.ErrEnrolNeeded):
		http.Redirect(w, r, "/connexion/second-facteur/activer", http.StatusSeeOther)
		return errHandled
	}
	return err
}

// sessions is the session cookie of this server.
func (s *Server) sessions() auth.SessionCookie {
	return auth.SessionCookie{Identity: s.Identity, Secure: s.Settings.TLS()}
}

// loadSession puts the signed-in person, if any, in the request context.
// Static files need nobody.
func (s *Server) loadSession(next http.Handler) http.Handler {
	load := auth.Load(s.Logger, s.sessions())(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		load.ServeHTTP(w, r)
	})
}

func currentUser(r *http.Request) *identity.User       { return auth.User(r) }
func currentSession(r *http.Request) *identity.Session { return auth.Session(r) }
func sessionToken(r *http.Request) string              { return auth.Token(r) }

// fullySignedIn tells whether r comes from a person past every factor
// their account needs.
func fullySignedIn(r *http.Request) bool { return auth.FullySignedIn(r) }

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) { s.sessions().Set(w, token) }

func (s *Server) clearSessionCookie(w http.ResponseWriter) { s.sessions().Forget(w) }
