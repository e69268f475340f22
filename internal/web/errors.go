package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"guichet/internal/errs"
)

// errorView is the model of the error page.
type errorView struct {
	Page
	Status  int
	Heading string
	Message string
	Next    string
}

// serveError shows err as a plain-French page (or JSON under /api/) with
// the status its kind calls for. Only unexpected errors are logged.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status, heading, next := http.StatusInternalServerError, "Un problème est survenu de notre côté",
		"Réessayez dans quelques minutes. Si le problème continue, appelez Allô Service Public au 3939 (appel gratuit)."
	msg := errs.MessageOf(err)
	switch errs.KindOf(err) {
	case errs.NotFound:
		status, heading = http.StatusNotFound, "Page introuvable"
		next = "Vérifiez l'adresse, ou partez de la page d'accueil pour chercher une démarche."
		if msg == "" {
			msg = "Cette page n'existe pas ou n'existe plus."
		}
	case errs.Forbidden:
		status, heading = http.StatusForbidden, "Accès refusé"
		next = "Si vous pensez que c'est une erreur, demandez l'accès à l'administrateur de votre organisation."
		if a := actingOf(r); a != nil {
			next = "Vous agissez pour " + a.M.PersonName + " sous un mandat : cette action n'est pas permise par ce mandat. Arrêtez d'agir pour cette personne avec le bouton en haut de la page, ou voyez le mandat avec elle."
		}
	case errs.Unauthorized:
		status, heading = http.StatusUnauthorized, "Connexion nécessaire"
		next = "Connectez-vous, puis recommencez."
	case errs.Invalid:
		status, heading = http.StatusBadRequest, "Demande incorrecte"
		next = "Revenez à la page précédente et corrigez votre saisie."
	case errs.Conflict:
		status, heading = http.StatusConflict, "Action impossible"
		next = "Revenez à la page précédente : quelqu'un a peut-être déjà fait ce changement."
	case errs.TooMany:
		status, heading = http.StatusTooManyRequests, "Trop de demandes"
		next = "Attendez un peu, puis réessayez."
	default:
		s.Logger.Error("request failed", "method", r.Method, "path", loggedPath(r.URL.Path), "err", err)
		msg = "Votre demande n'a pas pu aboutir à cause d'une erreur technique. Rien n'a été perdu de ce qui était déjà enregistré."
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSONError(w, status, msg)
		return
	}
	v := errorView{Page: s.page(r, heading), Status: status, Heading: heading, Message: msg, Next: next}
	if rerr := s.render(w, status, "error", v); rerr != nil {
		s.Logger.Error("render error page", "err", rerr)
		http.Error(w, heading, status)
	}
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"status": status, "message": msg}})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return errs.E(errs.NotFound, "")
}
