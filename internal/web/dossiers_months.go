package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// monthsSetting is an owner's page that sets a number of months for one of
// their procedures: how long untouched drafts are kept, how long closed
// dossiers are kept after their decision. Both work the same way; each has
// its own template for what the duration means.
type monthsSetting struct {
	title    string // the page's title, before the procedure's
	path     string // the page's address after the procedure's in the owner's space
	field    string
	template string
	// Default is shown to the owner as what applies without a choice (0: none).
	Default int
	get     func(ctx context.Context, slug string) (int, error)
	set     func(ctx context.Context, editorID int64, slug string, months int) error
}

// draftLifetime is how long untouched drafts are kept (a default applies).
func (s *Server) draftLifetime() monthsSetting {
	return monthsSetting{title: "Brouillons de la démarche", path: "/brouillons", field: "mois",
		template: "dossiers-lifetime", Default: dossiers.DefaultDraftMonths,
		get: s.Dossiers.DraftMonths, set: s.Dossiers.SetDraftMonths}
}

// closedRetention is how long closed dossiers are kept after their
// decision; none (empty) means kept.
func (s *Server) closedRetention() monthsSetting {
	return monthsSetting{title: "Conservation des dossiers terminés de", path: "/conservation", field: "conservation",
		template: "dossiers-retention", get: s.Dossiers.RetentionMonths, set: s.Dossiers.SetRetentionMonths}
}

// monthsView is the page of a monthsSetting.
type monthsView struct {
	Page
	Procedure catalogue.Summary
	ListURL   string
	EditURL   string
	Action    string
	Form      *Form
	Saved     bool
	Default   int
}

func (s *Server) monthsView(r *http.Request, m monthsSetting, o ownerScope, p catalogue.Summary, f *Form) monthsView {
	v := monthsView{Page: s.page(r, m.title+" « "+p.Title+" »"), Procedure: p, ListURL: o.listURL(),
		EditURL: o.editURL(p.Slug), Action: o.editURL(p.Slug) + m.path, Form: f, Default: m.Default}
	v.HasErrors = !f.Valid()
	return v
}

// monthsPage shows the duration set; empty when none is.
func (s *Server) monthsPage(m monthsSetting) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		o, err := ownerOf(r)
		if err != nil {
			return err
		}
		p, err := s.ownedProcedure(r, o)
		if err != nil {
			return err
		}
		months, err := m.get(r.Context(), p.Slug)
		if err != nil {
			return err
		}
		f := emptyForm()
		if months > 0 {
			f.Values.Set(m.field, strconv.Itoa(months))
		}
		v := s.monthsView(r, m, o, p, f)
		v.Saved = r.URL.Query().Get("enregistre") == "1"
		return s.render(w, http.StatusOK, m.template, v)
	}
}

// monthsSave records the duration typed: empty is none, which the service
// refuses where a duration is required; a wrong one is said beside the
// field, with what was typed.
func (s *Server) monthsSave(m monthsSetting) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
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
		if typed := strings.TrimSpace(f.Get(m.field)); typed != "" {
			if months, err = strconv.Atoi(typed); err != nil || months == 0 {
				months = -1 // refused by the service, with the message of the field
			}
		}
		err = m.set(r.Context(), o.Editor.UserID, p.Slug, months)
		if errs.Is(err, errs.Invalid) && f.FailWith(err) {
			return s.render(w, http.StatusUnprocessableEntity, m.template, s.monthsView(r, m, o, p, f))
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, o.editURL(p.Slug)+m.path+"?enregistre=1", http.StatusSeeOther)
		return nil
	}
}
