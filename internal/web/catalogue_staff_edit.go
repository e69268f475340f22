package web

import (
	"cmp"
	"fmt"
	"guichet/internal/rights"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	// RuleCompared is true when the form's rule differs from the published one; RuleChanges
	// then lists the reference households whose answer it moves.
	RuleCompared bool
	RuleChanges  []ruleChange
	// Unexpected lists the "Résultat inattendu ?" people sent on the
	// published rule, each with its reference household draft.
	Unexpected []rights.Feedback
}

// ruleChange is a reference household whose answer the edited rule moves.
type ruleChange struct {
	Household, Before, After string
}

// ruleVariable is a name rules can use, for the help under the rule field.
type ruleVariable struct {
	Name, Type, Description, Values string
}

// renderProcedureForm shows the editing form with what f holds. extra asks for more empty
// channel slots.
func (s *Server) renderProcedureForm(w http.ResponseWriter, r *http.Request, v procedureFormView, status, extra int) error {
	f := v.Form
	orderEditorErrors(f)
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
	if err := s.compareRule(r, &v); err != nil {
		return err
	}
	if slug := strings.ToLower(f.Get(catalogue.FieldSlug)); slug != "" && !v.IsNew {
		if v.Unexpected, err = s.Rights.FeedbackOf(r.Context(), slug); err != nil {
			return err
		}
	}
	return s.render(w, status, "catalogue-staff-edit", v)
}

// compareRule fills the reference households whose answer the form's rule changes from the
// published rule, so that the owner sees them before publishing.
func (s *Server) compareRule(r *http.Request, v *procedureFormView) error {
	// Only the rule's fields: reading the whole form again would record its problems twice.
	f := v.Form
	p := catalogue.Procedure{Slug: strings.ToLower(f.Get(catalogue.FieldSlug)),
		Eligibility: catalogue.Eligibility{Expr: f.Get(catalogue.FieldRuleExpr), Reason: f.Get(catalogue.FieldRuleReason)}}
	after := p.Spec()
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	before := sn.Rules()[p.Slug]
	if strings.TrimSpace(after.Expr) == strings.TrimSpace(before.Expr) {
		return nil
	}
	changes, err := s.Catalogue.Rules().Changes(before, after)
	if err != nil {
		return err
	}
	v.RuleCompared = true
	for _, c := range changes {
		v.RuleChanges = append(v.RuleChanges, ruleChange{Household: c.Household, Before: triWord(c.Before),
			After: triWord(c.After)})
	}
	return nil
}

// triWord writes an a priori answer for owners.
func triWord(b *bool) string {
	switch {
	case b == nil:
		return "Ne sait pas"
	case *b:
		return "A priori oui"
	}
	return "Non"
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

// editorOrder lists the fields of the editing page in the order the page shows them, so
// that the error summary reads in the same order as the form (RGAA 11.10). Channel fields
// come where the channels are, in their own order.
var editorOrder = []string{catalogue.FieldTitle, catalogue.FieldSlug, catalogue.FieldCategory,
	catalogue.FieldSummary, catalogue.FieldFALC, catalogue.FieldAudience, catalogue.FieldConditions,
	catalogue.FieldDocuments, catalogue.FieldCost, catalogue.FieldDelay, catalogue.FieldChannels,
	catalogue.FieldOfflineWay, catalogue.FieldHelpLabel, catalogue.FieldHelpPhone, catalogue.FieldHelpURL,
	catalogue.FieldLifeEvents, catalogue.FieldSynonyms, catalogue.FieldVolume, catalogue.FieldRuleExpr,
	catalogue.FieldRuleReason, catalogue.FieldRuleUnchecked, catalogue.FieldRuleLink, catalogue.FieldRuleRenewal}

// channelParts are the fields of one channel, in the page's order.
var channelParts = []string{"kind", "label", "url", "phone", "address"}

// editorRank places a field of the editing page: its rank among the sections, then for a
// channel field its channel and its place in the channel.
func editorRank(field string) (section, channel, part int) {
	var i int
	var name string
	if _, err := fmt.Sscanf(strings.ReplaceAll(field, "-", " "), "channel %d %s", &i, &name); err == nil {
		return slices.Index(editorOrder, catalogue.FieldChannels), i + 1, slices.Index(channelParts, name)
	}
	return slices.Index(editorOrder, field), 0, 0
}

// blankChannel tells whether the i-th channel slot of the form was left empty.
func blankChannel(f *Form, i int) bool {
	for _, part := range channelParts {
		if f.Get(catalogue.ChannelField(i, part)) != "" {
			return false
		}
	}
	return true
}

// orderEditorErrors sorts the form's problems in the page's order, drops a repeated one and
// names the channel of a channel field ("Moyen 2 : …"), which the summary would not say.
func orderEditorErrors(f *Form) {
	slices.SortStableFunc(f.Errors, func(a, b errs.FieldError) int {
		as, ac, ap := editorRank(a.Field)
		bs, bc, bp := editorRank(b.Field)
		return cmp.Or(cmp.Compare(as, bs), cmp.Compare(ac, bc), cmp.Compare(ap, bp))
	})
	f.Errors = slices.CompactFunc(f.Errors, func(a, b errs.FieldError) bool { return a == b })
	// A slot left blank is not a channel: the service drops it, so no error is about it.
	f.Errors = slices.DeleteFunc(f.Errors, func(e errs.FieldError) bool {
		_, n, _ := editorRank(e.Field)
		return n > 0 && blankChannel(f, n-1)
	})
	for i, e := range f.Errors {
		if _, n, _ := editorRank(e.Field); n > 0 && !strings.HasPrefix(e.Message, "Moyen ") {
			f.Errors[i].Message = "Moyen " + strconv.Itoa(n) + " : " + e.Message
		}
	}
}

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
