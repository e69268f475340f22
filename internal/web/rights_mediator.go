package web

import (
	"net/http"
	"strconv"

	"guichet/internal/eligibility"
	"guichet/internal/identity"
	"guichet/internal/rights"
)

// rightsMediatorView is the model of a person's suggestions seen by a
// mediator.
type rightsMediatorView struct {
	Page
	Org         *identity.Organisation
	Person      string
	MandateURL  string
	MandateID   int64
	Suggestions []suggestionItem
	Warning     string
}

// rightsMediator is /espace/{org}/mandats/{id}/droits: the aid suggested
// to the person of one of the structure's mandates, for a mediator, when
// the mandate covers social or argent and the person's consent lasts; the
// view is in the person's access log (rights.ForMediator checks and
// writes both).
func (s *Server) rightsMediator(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	id, err := mandateID(r)
	if err != nil {
		return err
	}
	m, list, err := s.Rights.ForMediator(r.Context(), rights.Viewer{MediatorID: currentUser(r).ID, OrgID: org.ID}, id)
	if err != nil {
		return err
	}
	v := rightsMediatorView{Page: s.page(r, "Aides suggérées à "+m.PersonName), Org: org, Person: m.PersonName,
		MandateURL: "/espace/" + org.Slug + "/mandats/" + strconv.FormatInt(m.ID, 10), MandateID: m.ID, Warning: eligibility.Notice}
	if v.Suggestions, err = s.suggestionItems(r.Context(), list); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "rights-mediator", v)
}
