package web

import (
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/mediation"
)

// accountMandates is /compte/mandats: every mandate the person gave, active
// and past, each with what the structure did under it (its journal
// entries), and their domiciliation if they have one.
func (s *Server) accountMandates(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	ctx := r.Context()
	list, err := s.Mediation.ListOfPerson(ctx, u.ID)
	if err != nil {
		return err
	}
	entries, err := s.Mediation.EntriesAboutPerson(ctx, u.ID, 500)
	if err != nil {
		return err
	}
	dom, err := s.Mediation.DomiciliationOf(ctx, u.ID)
	if err != nil {
		return err
	}
	type mandateWithJournal struct {
		mandateRow
		Journal []journalRow
	}
	rows := s.journalRows(ctx, entries)
	v := struct {
		Page
		Mandates      []mandateWithJournal
		Domiciliation *mediation.Domiciliation
		DomOrg        string
	}{Page: s.page(r, "Mes mandats"), Domiciliation: dom}
	for _, m := range s.mandateRows(ctx, list) {
		mj := mandateWithJournal{mandateRow: m}
		for _, e := range rows {
			if e.MandateID == m.ID {
				mj.Journal = append(mj.Journal, e)
			}
		}
		v.Mandates = append(v.Mandates, mj)
	}
	if dom != nil {
		if o, err := s.Identity.OrganisationByID(ctx, dom.OrgID); err == nil {
			v.DomOrg = o.Name
		}
	}
	v.Notice = map[string]string{"revoque": "Le mandat est arrêté. La structure ne peut plus agir pour vous.",
		"domicile-arretee": "Votre domiciliation est arrêtée : vos messages vous arrivent de nouveau directement."}[r.URL.Query().Get("fait")]
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
		Asked bool
		Known bool
		// Replaced is an attestation a renewal replaced.
		Replaced bool
		Check    mediation.Check
		OrgName  string
	}{Page: s.page(r, "Vérifier une attestation de mandat")}
	status := http.StatusOK
	if q.Get("m") != "" || q.Get("h") != "" {
		v.Asked = true
		id, _ := strconv.ParseInt(q.Get("m"), 10, 64)
		c, err := s.Mediation.CheckAttestation(r.Context(), id, q.Get("h"))
		switch {
		case err == nil:
			v.Known, v.Check, v.Replaced = true, c, c.Status == mediation.Replaced
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
