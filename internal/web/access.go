package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// access says who may use a route. It is checked on the server for every
// request, before the handler runs.
type access struct {
	name string
	// signedIn requires an account; roles, when set, requires one of them.
	signedIn bool
	roles    []identity.Role
	// pendingOK lets a staff member in before the second factor, for the
	// second-factor pages themselves.
	pendingOK bool
}

var (
	anyone    = access{name: "anyone"}
	signedIn  = access{name: "signed-in", signedIn: true}
	secondFac = access{name: "second-factor", signedIn: true, pendingOK: true}
)

// staff admits members holding one of roles. When the route has an {org}
// path value, the role must be held in that organisation: staff of one
// organisation never see another's pages.
func staff(roles ...identity.Role) access {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return access{name: "staff:" + strings.Join(names, ","), signedIn: true, roles: roles}
}

// errHandled tells wrap that the response is already written.
var errHandled = errors.New("response written")

// authorize enforces a on r. It redirects to sign-in, or to the second
// factor, when that is what the person needs to do next.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, a access) error {
	if !a.signedIn {
		return nil
	}
	u, sess := currentUser(r), currentSession(r)
	if u == nil {
		if r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") {
			http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return errHandled
		}
		return errs.E(errs.Unauthorized, "Connectez-vous pour continuer.")
	}
	if u.IsStaff() && sess.SecondFactorAt == nil && !a.pendingOK {
		next := "/connexion/second-facteur"
		if !u.TOTPEnabled {
			next = "/connexion/second-facteur/activer"
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return errHandled
	}
	if len(a.roles) == 0 {
		return nil
	}
	org := r.PathValue("org")
	for _, role := range a.roles {
		for _, m := range u.Memberships {
			if m.Role == role && (org == "" || m.OrgSlug == org) {
				return nil
			}
		}
	}
	return errs.E(errs.Forbidden, "Votre compte ne permet pas d'ouvrir cette page.")
}

type ctxKey int

const (
	userKey ctxKey = iota
	sessionKey
	tokenKey
)

const sessionCookie = "guichet_session"

// loadSession puts the signed-in person, if any, in the request context.
func (s *Server) loadSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		sess, u, err := s.Identity.SessionByToken(r.Context(), c.Value)
		if err != nil {
			if !errs.Is(err, errs.Unauthorized) {
				s.Logger.Error("load session", "err", err)
			}
			s.clearSessionCookie(w)
			next.ServeHTTP(w, r)
			return
		}
		ctx := context.WithValue(r.Context(), userKey, u)
		ctx = context.WithValue(ctx, sessionKey, sess)
		ctx = context.WithValue(ctx, tokenKey, c.Value)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func currentUser(r *http.Request) *identity.User {
	u, _ := r.Context().Value(userKey).(*identity.User)
	return u
}

func currentSession(r *http.Request) *identity.Session {
	s, _ := r.Context().Value(sessionKey).(*identity.Session)
	return s
}

func sessionToken(r *http.Request) string {
	t, _ := r.Context().Value(tokenKey).(string)
	return t
}

// fullySignedIn tells whether r comes from a person past every factor
// their account needs.
func fullySignedIn(r *http.Request) bool {
	u, sess := currentUser(r), currentSession(r)
	return u != nil && (!u.IsStaff() || sess.SecondFactorAt != nil)
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.Settings.TLS(), SameSite: http.SameSiteLaxMode,
	})
}
