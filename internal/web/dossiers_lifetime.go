package web

import (
	"net/http"
	"strconv"

	"guichet/internal/catalogue"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// lifetimeView is the owner's page that sets how long the procedure's
// untouched drafts are kept.
type lifetimeView struct {
	Page
	Procedure catalogue.Summary
	ListURL   string
	EditURL   string
	Action    string
	Form      *Form
	Saved     bool
	Default   int
}

func (s *Server) lifetimeView(r *http.Request, o ownerScope, p catalogue.Summary, f *Form) lifetimeView {
	v := lifetimeView{Page: s.page(r, "Brouillons de la démarche « "+p.Title+" »"), Procedure: p,
		ListURL: o.listURL(), EditURL: o.editURL(p.Slug), Action: o.editURL(p.Slug) + "/brouillons", Form: f,
		Default: dossiers.DefaultDraftMonths}
	v.HasErrors = !f.Valid()
	return v
}

// draftLifetimePage shows the lifetime set, the default when none.
func (s *Server) draftLifetimePage(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	months, err := s.Dossiers.DraftMonths(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	f := emptyForm()
	f.Values.Set("mois", strconv.Itoa(months))
	v := s.lifetimeView(r, o, p, f)
	v.Saved = r.URL.Query().Get("enregistre") == "1"
	return s.render(w, http.StatusOK, "dossiers-lifetime", v)
}

// draftLifetimeSave records the lifetime typed; a wrong one is said beside
// the field, with what was typed.
func (s *Server) draftLifetimeSave(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	f := newForm(r)
	months, convErr := strconv.Atoi(f.Get("mois"))
	if convErr != nil {
		months = 0 // refused below, with the message of the field
	}
	err = s.Dossiers.SetDraftMonths(r.Context(), o.Editor.UserID, p.Slug, months)
	if errs.Is(err, errs.Invalid) && f.FailWith(err) {
		return s.render(w, http.StatusUnprocessableEntity, "dossiers-lifetime", s.lifetimeView(r, o, p, f))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(p.Slug)+"/brouillons?enregistre=1", http.StatusSeeOther)
	return nil
}
