package web

import (
	"net/http"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// correctView is the page where the person fixes what an agent asked.
type correctView struct {
	Page
	*dossierCtx
	Correction *dossiers.Correction
	Reason     string
	Fields     []FieldView
	Form       *Form
	HasFile    bool
}

// askedFields returns the top-level fields a correction asks for, in form
// order, with their page.
func askedFields(f *forms.Form, c *dossiers.Correction) (fields []*forms.Field, pages []int) {
	for p := range f.Pages {
		for i := range f.Pages[p].Fields {
			fd := &f.Pages[p].Fields[i]
			if fd.Type.Answered() && c.Asks(fd.Key) {
				fields, pages = append(fields, fd), append(pages, p)
			}
		}
	}
	return fields, pages
}

// dossierCorrectPage shows what to fix and why, with only those answers
// to change.
func (s *Server) dossierCorrectPage(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.Correction == nil {
		http.Redirect(w, r, dossierURL(dc.D.ID), http.StatusSeeOther)
		return nil
	}
	return s.renderCorrect(w, r, http.StatusOK, dc, emptyForm())
}

func (s *Server) renderCorrect(w http.ResponseWriter, r *http.Request, status int, dc *dossierCtx, form *Form) error {
	c := dc.D.Correction
	v := correctView{Page: s.page(r, "Corriger votre dossier "+dc.D.ShownReference()), dossierCtx: dc, Correction: c,
		Reason: c.Reason.Label(), Form: form}
	v.HasErrors = !form.Valid()
	fields, _ := askedFields(dc.Form, c)
	for _, fd := range fields {
		v.Fields = append(v.Fields, newFieldView(fd, fd.Key, dc.Answers[fd.Key], form.Errors))
		if fd.Type == forms.File {
			v.HasFile = true
		}
	}
	return s.render(w, status, "dossiers-correct", v)
}

// dossierCorrect stores the corrected answers and sends them back, which
// closes the request; a problem shows the page again with what was typed.
func (s *Server) dossierCorrect(w http.ResponseWriter, r *http.Request) error {
	form, tooBig := parseUpload(r)
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	c := dc.D.Correction
	if c == nil {
		http.Redirect(w, r, dossierURL(dc.D.ID), http.StatusSeeOther)
		return nil
	}
	if tooBig {
		form.Fail("correction", "Le fichier est trop lourd : la page accepte "+sizeText(maxDossierUpload)+" au plus. Choisissez un fichier plus léger.")
		return s.renderCorrect(w, r, http.StatusRequestEntityTooLarge, dc, form)
	}
	fields, pages := askedFields(dc.Form, c)
	answers := dc.Answers
	var problems []errs.FieldError
	seen := map[int]bool{}
	for _, p := range pages {
		if seen[p] {
			continue
		}
		seen[p] = true
		posted, _ := dc.Form.ParsePage(p, r.PostForm)
		for k, v := range posted {
			if c.Asks(k) {
				answers = answers.Merge(forms.Answers{k: v})
			}
		}
		fp, err := s.storeFiles(r, &dossierCtx{D: dc.D, Form: onlyAsked(dc.Form, p, c), Answers: answers}, p)
		if err != nil {
			return err
		}
		problems = append(problems, fp...)
	}
	if d, err := s.Dossiers.Get(r.Context(), ownerID(r), dc.D.ID); err == nil {
		for k, v := range formAnswers(d.Answers) {
			if v.File != nil && c.Asks(k) {
				answers[k] = v
			}
		}
	}
	var keys []string
	for i, fd := range fields {
		keys = append(keys, fd.Key)
		cleaned, fe := dc.Form.Validate(pages[i], answers)
		for _, e := range withoutFields(fe, problems) {
			if c.Asks(forms.TopKey(e.Field)) {
				problems = append(problems, e)
			}
		}
		if v, ok := cleaned[fd.Key]; ok {
			answers = answers.Merge(forms.Answers{fd.Key: v})
		}
	}
	d, err := s.Dossiers.SavePage(r.Context(), ownerID(r), dc.D.ID, dossiers.Page{Fields: keys,
		Values: dossierAnswers(answers, keys), Next: dc.D.CurrentPage})
	if err != nil {
		return err
	}
	dc.D, dc.Answers = d, answers
	if len(problems) > 0 {
		form.Errors = append(form.Errors, problems...)
		return s.renderCorrect(w, r, http.StatusUnprocessableEntity, dc, form)
	}
	err = s.Dossiers.SendCorrection(r.Context(), ownerID(r), dc.D.ID)
	if form.FailWith(err) {
		return s.renderCorrect(w, r, http.StatusUnprocessableEntity, dc, form)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, dossierURL(dc.D.ID)+"?corrige=1", http.StatusSeeOther)
	return nil
}

// onlyAsked returns a copy of the form whose page p holds only the fields
// the correction asks for, so that no other file is taken.
func onlyAsked(f *forms.Form, p int, c *dossiers.Correction) *forms.Form {
	cp := *f
	cp.Pages = append([]forms.Page(nil), f.Pages...)
	var kept []forms.Field
	for _, fd := range f.Pages[p].Fields {
		if c.Asks(fd.Key) {
			kept = append(kept, fd)
		}
	}
	cp.Pages[p] = forms.Page{Title: f.Pages[p].Title, Fields: kept}
	return &cp
}
