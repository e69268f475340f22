package web

import (
	"net/http"
	"strconv"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
)

// procedureFormView is the model of the owners' editing page.
type procedureFormView struct {
	Page
	Form       *Form
	Scope      ownerScope
	IsNew      bool
	Action     string // Action is where the form posts.
	EditURL    string // EditURL is the procedure's page for owners, "" while new.
	Base       int    // Base is the revision the form started from.
	Status     string
	Published  int // Published is the revision the public sees, 0 when none.
	Channels   []channelSlot
	Category   selectField
	LifeEvents []option
	Reports    []*textReport
	Variables  []ruleVariable
	// Problem explains, above the form, why the save did not go through.
	Problem string
}

// ruleVariable is a name rules can use, for the help under the rule field.
type ruleVariable struct {
	Name, Type, Description, Values string
}

// renderProcedureForm shows the editing form with what f holds. extra asks for more empty
// channel slots.
func (s *Server) renderProcedureForm(w http.ResponseWriter, r *http.Request, v procedureFormView, status, extra int) error {
	f := v.Form
	v.HasErrors = !f.Valid()
	v.Channels = channelSlotsFor(f, extra)
	category := f.Get(catalogue.FieldCategory)
	v.Category = selectField{Field: field(f, catalogue.FieldCategory, "Catégorie")}
	v.Category.Options = []option{{"", "Choisissez une catégorie", category == ""}}
	for _, c := range catalogue.Categories() {
		v.Category.Options = append(v.Category.Options, option{c.Slug, c.Label, c.Slug == category})
	}
	events, err := s.Catalogue.LifeEvents(r.Context())
	if err != nil {
		return err
	}
	chosen := map[string]bool{}
	for _, e := range f.Values[catalogue.FieldLifeEvents] {
		chosen[e] = true
	}
	for _, e := range events {
		v.LifeEvents = append(v.LifeEvents, option{e.Slug, e.Title, chosen[e.Slug]})
	}
	for _, rep := range []*textReport{reportOf("Le résumé", f.Get(catalogue.FieldSummary)),
		reportOf("La version facile à lire", f.Get(catalogue.FieldFALC))} {
		if rep != nil {
			v.Reports = append(v.Reports, rep)
		}
	}
	for _, x := range s.Catalogue.Rules().Variables() {
		rv := ruleVariable{Name: x.Name, Type: x.Type, Description: x.Description}
		for i, val := range x.Values {
			if i > 0 {
				rv.Values += ", "
			}
			rv.Values += `"` + val + `"`
		}
		v.Variables = append(v.Variables, rv)
	}
	return s.render(w, status, "catalogue-staff-edit", v)
}

func (s *Server) staffProcedureNew(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	v := procedureFormView{Page: s.page(r, "Nouvelle démarche"), Form: emptyForm(), Scope: o, IsNew: true,
		Action: o.listURL(), Status: catalogue.Draft.Label()}
	return s.renderProcedureForm(w, r, v, http.StatusOK, 0)
}

func (s *Server) staffProcedureCreate(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	v := procedureFormView{Page: s.page(r, "Nouvelle démarche"), Form: f, Scope: o, IsNew: true,
		Action: o.listURL(), Status: catalogue.Draft.Label()}
	p := procedureFromForm(f)
	if done, err := s.formOnlyAction(w, r, v); done || err != nil {
		return err
	}
	if p.Slug == "nouvelle" || p.Slug == "lisibilite" {
		f.Fail(catalogue.FieldSlug, "Cette adresse est réservée. Choisissez-en une autre.")
	}
	if !f.Valid() {
		failAll(f, catalogue.Validate(&p, s.Catalogue.Rules()))
		return s.renderProcedureForm(w, r, v, http.StatusUnprocessableEntity, 0)
	}
	created, err := s.Catalogue.Create(r.Context(), o.Editor, p)
	if f.FailWith(err) {
		return s.renderProcedureForm(w, r, v, http.StatusUnprocessableEntity, 0)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(created.Latest.Procedure.Slug)+"?fait=cree", http.StatusSeeOther)
	return nil
}

// formOnlyAction handles the buttons that only redisplay the form: "add a channel" and
// "check readability". It reports whether it answered.
func (s *Server) formOnlyAction(w http.ResponseWriter, r *http.Request, v procedureFormView) (bool, error) {
	switch v.Form.Get("action") {
	case "ajouter-moyen":
		return true, s.renderProcedureForm(w, r, v, http.StatusOK, 1)
	case "verifier":
		v.Notice = "La lisibilité est calculée ci-dessous. Rien n'est encore enregistré."
		return true, s.renderProcedureForm(w, r, v, http.StatusOK, 0)
	}
	return false, nil
}

// failAll records the service's problems on the form, in their order.
func failAll(f *Form, fe []errs.FieldError) { f.Errors = append(f.Errors, fe...) }

// editView builds the model of the editing page of a stored procedure.
func (s *Server) editView(r *http.Request, o ownerScope, e *catalogue.Edited, f *Form) procedureFormView {
	return procedureFormView{Page: s.page(r, "Modifier : "+e.Latest.Procedure.Title), Form: f, Scope: o,
		Action: o.editURL(e.Latest.Procedure.Slug), EditURL: o.editURL(e.Latest.Procedure.Slug),
		Base: e.Latest.Number, Status: e.Status().Label(), Published: e.PublishedRevision}
}

func (s *Server) staffProcedureEdit(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	e, err := s.Catalogue.Edited(r.Context(), o.Editor, r.PathValue("slug"))
	if err != nil {
		return err
	}
	v := s.editView(r, o, e, &Form{Values: procedureFormValues(e.Latest.Procedure)})
	switch r.URL.Query().Get("fait") {
	case "cree":
		v.Notice = "Démarche créée : version 1, en brouillon. Le public ne la voit pas encore."
	case "enregistre":
		v.Notice = "Brouillon enregistré : version " + strconv.Itoa(e.Latest.Number) + ". Le public ne le voit pas encore."
	case "publie":
		v.Notice = "La version " + strconv.Itoa(e.PublishedRevision) + " est publiée : le public la voit."
	case "retire":
		v.Notice = "La démarche est retirée : le public ne la voit plus."
	}
	return s.renderProcedureForm(w, r, v, http.StatusOK, 0)
}

func (s *Server) staffProcedureSave(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	e, err := s.Catalogue.Edited(r.Context(), o.Editor, slug)
	if err != nil {
		return err
	}
	f := newForm(r)
	f.Values.Set(catalogue.FieldSlug, slug)
	v := s.editView(r, o, e, f)
	base, _ := strconv.Atoi(f.Get("base"))
	v.Base = base
	p := procedureFromForm(f)
	if done, err := s.formOnlyAction(w, r, v); done || err != nil {
		return err
	}
	if !f.Valid() {
		failAll(f, catalogue.Validate(&p, s.Catalogue.Rules()))
		return s.renderProcedureForm(w, r, v, http.StatusUnprocessableEntity, 0)
	}
	_, err = s.Catalogue.Save(r.Context(), o.Editor, slug, base, p)
	if f.FailWith(err) {
		return s.renderProcedureForm(w, r, v, http.StatusUnprocessableEntity, 0)
	}
	if errs.Is(err, errs.Conflict) {
		// Keep what the person typed; the next save starts from the newest revision.
		v.Problem = errs.MessageOf(err)
		v.Base = e.Latest.Number
		return s.renderProcedureForm(w, r, v, http.StatusConflict, 0)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(slug)+"?fait=enregistre", http.StatusSeeOther)
	return nil
}
