package web

import (
	"net/http"
	"strconv"

	"guichet/internal/mediation"
)

// staffMandateRenew renews a mandate of the structure with the person
// present: a new duration from today, the text read again, their consent.
func (s *Server) staffMandateRenew(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.structureMandate(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	days, _ := strconv.Atoi(f.Get("days"))
	_, err = s.Mediation.Renew(r.Context(), mediation.Renewal{OrgID: org.ID, MediatorID: currentUser(r).ID,
		MandateID: m.ID, Days: days, TextVersion: f.Get("text_version"), Consent: f.Get("consent") == "oui"})
	if err != nil {
		if f.FailWith(err) {
			return s.staffMandatePage(w, r, org, m, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/mandats/"+strconv.FormatInt(m.ID, 10)+"?fait=renouvele", http.StatusSeeOther)
	return nil
}

// staffMandateDomicile records that the person of the mandate is reached
// through the structure (domiciliation), or ends it ("arreter").
func (s *Server) staffMandateDomicile(w http.ResponseWriter, r *http.Request) error {
	org, m, err := s.structureMandate(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	done := "domicilie"
	if f.Get("action") == "arreter" {
		err, done = s.Mediation.EndDomiciliation(r.Context(), m.PersonUserID, org.ID, currentUser(r).ID), "domicile-arretee"
	} else {
		err = s.Mediation.Domicile(r.Context(), org.ID, currentUser(r).ID, m.ID, f.Get("address"))
	}
	if err != nil {
		if f.FailWith(err) {
			return s.staffMandatePage(w, r, org, m, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/mandats/"+strconv.FormatInt(m.ID, 10)+"?fait="+done, http.StatusSeeOther)
	return nil
}

// accountUndomicile lets the person end their domiciliation themselves.
func (s *Server) accountUndomicile(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	if err := s.Mediation.EndDomiciliation(r.Context(), u.ID, 0, u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/compte/mandats?fait=domicile-arretee", http.StatusSeeOther)
	return nil
}
