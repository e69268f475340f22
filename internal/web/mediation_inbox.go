package web

import (
	"net/http"
	"strconv"

	"guichet/internal/accesslog"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/mediation"
)

// staffInbox is /espace/{org}/domiciliations: the people the structure
// domiciles or acts for without their own address, with how many messages
// it received for each. Names only: the messages are read one person at a
// time, each read logged.
func (s *Server) staffInbox(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	people, err := s.Mediation.InboxPeople(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Org    *identity.Organisation
		People []mediation.InboxPerson
	}{s.page(r, "Messages reçus pour les personnes domiciliées"), org, people}
	return s.render(w, http.StatusOK, "mediation-inbox-list", v)
}

// staffInboxPerson is /espace/{org}/domiciliations/{person}: the messages
// the structure received for one person, newest first. The read is written
// in the person's access log before the page is sent.
func (s *Server) staffInboxPerson(w http.ResponseWriter, r *http.Request) error {
	org, err := s.helpStructure(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("person"), 10, 64)
	if err != nil || id <= 0 {
		return errs.E(errs.NotFound, "La structure ne reçoit pas de messages pour cette personne.")
	}
	p, err := s.Mediation.InboxPersonOf(r.Context(), org.ID, id)
	if err != nil {
		return err
	}
	msgs, err := s.Mediation.InboxOf(r.Context(), org.ID, id, 200)
	if err != nil {
		return err
	}
	if err := s.AccessLog.Record(r.Context(), nil, accesslog.Entry{PersonUserID: id, OrgID: org.ID,
		ActorKind: accesslog.ByMediator, ActorID: currentUser(r).ID, Action: accesslog.Read,
		Category: "messages reçus par la structure", Purpose: "domiciliation : lire les messages de la personne"}); err != nil {
		return err
	}
	v := struct {
		Page
		Org      *identity.Organisation
		Person   mediation.InboxPerson
		Messages []mediation.InboxMessage
	}{s.page(r, "Messages reçus pour "+p.PersonName), org, p, msgs}
	return s.render(w, http.StatusOK, "mediation-inbox-person", v)
}
