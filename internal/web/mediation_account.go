package web

import (
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/mediation"
)

// accountMandates is /compte/mandats: every mandate the person gave, active
// and past, and the journal entries about them.
func (s *Server) accountMandates(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	list, err := s.Mediation.ListOfPerson(r.Context(), u.ID)
	if err != nil {
		return err
	}
	entries, err := s.Mediation.EntriesAboutPerson(r.Context(), u.ID, 200)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Mandates []mandateRow
		Journal  []journalRow
	}{s.page(r, "Mes mandats"), s.mandateRows(r.Context(), list), s.journalRows(r.Context(), entries)}
	v.Notice = map[string]string{"revoque": "Le mandat est arrêté. La structure ne peut plus agir pour vous."}[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "mediation-account", v)
}

func (s *Server) accountMandateRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := mandateID(r)
	if err != nil {
		return err
	}
	if err := s.Mediation.RevokeByPerson(r.Context(), currentUser(r).ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/compte/mandats?fait=revoque", http.StatusSeeOther)
	return nil
}

// mandateCheck is /mandats/verifier, which the attestation's QR code
// opens: anyone holding the attestation reads whether the mandate is
// valid, revoked or expired, and nothing more about the person.
func (s *Server) mandateCheck(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := struct {
		Page
		Asked   bool
		Known   bool
		Check   mediation.Check
		OrgName string
	}{Page: s.page(r, "Vérifier une attestation de mandat")}
	status := http.StatusOK
	if q.Get("m") != "" || q.Get("h") != "" {
		v.Asked = true
		id, _ := strconv.ParseInt(q.Get("m"), 10, 64)
		c, err := s.Mediation.CheckAttestation(r.Context(), id, q.Get("h"))
		switch {
		case err == nil:
			v.Known, v.Check = true, c
			if o, err := s.Identity.OrganisationByID(r.Context(), c.OrgID); err == nil {
				v.OrgName = o.Name
			}
		case errs.Is(err, errs.NotFound):
			status = http.StatusNotFound
		default:
			return err
		}
	}
	return s.render(w, status, "mediation-check", v)
}
