package web

import (
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
)

// retentionView is the owner's page that sets how long the procedure's
// closed dossiers are kept after their decision.
type retentionView struct {
	Page
	Procedure catalogue.Summary
	ListURL   string
	EditURL   string
	Action    string
	Form      *Form
	Saved     bool
}

func (s *Server) retentionView(r *http.Request, o ownerScope, p catalogue.Summary, f *Form) retentionView {
	v := retentionView{Page: s.page(r, "Conservation des dossiers terminés de « "+p.Title+" »"), Procedure: p,
		ListURL: o.listURL(), EditURL: o.editURL(p.Slug), Action: o.editURL(p.Slug) + "/conservation", Form: f}
	v.HasErrors = !f.Valid()
	return v
}

// retentionPage shows the period set, empty when closed dossiers are kept.
func (s *Server) retentionPage(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	months, err := s.Dossiers.RetentionMonths(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	f := emptyForm()
	if months > 0 {
		f.Values.Set("conservation", strconv.Itoa(months))
	}
	v := s.retentionView(r, o, p, f)
	v.Saved = r.URL.Query().Get("enregistre") == "1"
	return s.render(w, http.StatusOK, "dossiers-retention", v)
}

// retentionSave records the period typed (empty: kept); a wrong one is
// said beside the field, with what was typed.
func (s *Server) retentionSave(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	f := newForm(r)
	months := 0
	if typed := strings.TrimSpace(f.Get("conservation")); typed != "" {
		if months, err = strconv.Atoi(typed); err != nil || months == 0 {
			months = -1 // refused below, with the message of the field
		}
	}
	err = s.Dossiers.SetRetentionMonths(r.Context(), o.Editor.UserID, p.Slug, months)
	if errs.Is(err, errs.Invalid) && f.FailWith(err) {
		return s.render(w, http.StatusUnprocessableEntity, "dossiers-retention", s.retentionView(r, o, p, f))
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(p.Slug)+"/conservation?enregistre=1", http.StatusSeeOther)
	return nil
}
