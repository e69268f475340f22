package web

import (
	"net/http"
	"strconv"

	"guichet/internal/changes"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// changesTasks is /espace/{org}/changements: the changes people declared
// once that reached this administration, those to take into account
// first. Each person shown is written to their access log.
func (s *Server) changesTasks(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	tasks, err := s.Changes.Tasks(r.Context(), o.OrgID, o.UserID, 100)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Org   orgScope
		Tasks []changes.Task
	}{s.page(r, "Changements d'adresse reçus"), o, tasks}
	if r.URL.Query().Get("fait") == "1" {
		v.Notice = "Le changement est noté comme pris en compte. La personne le voit dans son suivi."
	}
	return s.render(w, http.StatusOK, "changes-tasks", v)
}

// changesTaskDone records that an agent took a change into account.
func (s *Server) changesTaskDone(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce changement n'existe pas.")
	}
	name := currentUser(r).Name
	if _, err := s.Changes.Ack(r.Context(), o.OrgID, id, "par "+name); err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+o.OrgSlug+"/changements?fait=1", http.StatusSeeOther)
	return nil
}
