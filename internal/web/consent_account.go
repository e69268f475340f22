package web

import (
	"net/http"
	"strconv"

	"guichet/internal/connectors"
	"guichet/internal/consent"
	"guichet/internal/errs"
)

// consentOffer is a sharing the person may allow: a connector's category.
type consentOffer struct {
	Party, PartyName, Category, CategoryName string
	Text                                     string // the sharing in a sentence
}

// consentAccount is /compte/consentements: the register of what the
// person allowed, in force and withdrawn, and what they may allow.
func (s *Server) consentAccount(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	list, err := s.Consent.OfPerson(r.Context(), u.ID)
	if err != nil {
		return err
	}
	active := map[string]bool{}
	for _, c := range list {
		if c.Active() && c.Purpose == consent.PurposePrefill {
			active[c.Party+"|"+c.Category] = true
		}
	}
	var offers []consentOffer
	for _, c := range s.Prefill.Connectors() {
		for _, cat := range c.Categories() {
			if !active[c.Name()+"|"+cat.Key] {
				offers = append(offers, consentOffer{c.Name(), c.Label(), cat.Key, cat.Name,
					capitalize(c.Label()) + " nous transmet votre " + cat.Name + ", pour " + consent.PurposePrefill + "."})
			}
		}
	}
	v := struct {
		Page
		Consents []consent.Consent
		Offers   []consentOffer
	}{s.page(r, "Mes autorisations de partage"), list, offers}
	v.Notice = map[string]string{
		"retire":  "L'autorisation est retirée. Nous ne demanderons plus ces données : vous les indiquerez vous-même.",
		"accorde": "L'autorisation est enregistrée. Vos prochaines démarches seront pré-remplies ; vous vérifierez toujours.",
	}[r.URL.Query().Get("fait")]
	return s.render(w, http.StatusOK, "consent-account", v)
}

// consentGive records the person's consent to one offer: a connector and
// one of its categories, for pre-filling their procedures.
func (s *Server) consentGive(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	c := s.Prefill.Connector(f.Get("party"))
	if c == nil || connectors.CategoryName(c, f.Get("category")) == f.Get("category") {
		return errs.E(errs.NotFound, "Cette autorisation n'est pas proposée.")
	}
	err := s.Consent.Give(r.Context(), currentUser(r).ID, consent.Grant{Party: c.Name(), PartyName: c.Label(),
		Category: f.Get("category"), CategoryName: connectors.CategoryName(c, f.Get("category")),
		Purpose: consent.PurposePrefill, LegalBasis: consent.BasisConsent})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/compte/consentements?fait=accorde", http.StatusSeeOther)
	return nil
}

func (s *Server) consentWithdraw(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Cette autorisation n'existe pas.")
	}
	// Through rights, so that withdrawing the search for aid deletes the
	// suggestions in the same transaction.
	if err := s.Rights.Withdraw(r.Context(), currentUser(r).ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/compte/consentements?fait=retire", http.StatusSeeOther)
	return nil
}
