package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// stepView is the model of one page of a dossier's form.
type stepView struct {
	Page
	*dossierCtx
	Number     int // the page, 0-based
	Step       int
	Steps      int
	FormPage   FormPageView
	Form       *Form
	Action     string
	BackURL    string // the procedure's page, before the first page
	HasBack    bool
	HasFile    bool
	Correction bool
}

// stepOf reads the page number {n} (from 1 in addresses).
func stepOf(r *http.Request, f *forms.Form) (int, error) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(f.Pages) {
		return 0, errs.E(errs.NotFound, "Cette étape n'existe pas. Reprenez votre démarche depuis « Mes démarches ».")
	}
	return n - 1, nil
}

// dossierStep shows one page of the person's draft, with what they typed.
func (s *Server) dossierStep(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State != dossiers.Draft {
		http.Redirect(w, r, dossierURL(dc.D.ID), http.StatusSeeOther)
		return nil
	}
	page, err := stepOf(r, dc.Form)
	if err != nil {
		return err
	}
	if !dc.Form.PageShown(page, dc.Answers) {
		http.Redirect(w, r, stepURL(dc.D.ID, dc.Form.First(dc.Answers)), http.StatusSeeOther)
		return nil
	}
	return s.renderStep(w, r, http.StatusOK, dc, page, emptyForm())
}

func (s *Server) renderStep(w http.ResponseWriter, r *http.Request, status int, dc *dossierCtx, page int, form *Form) error {
	f, a := dc.Form, dc.Answers
	n, total := f.Step(page, a)
	fp := newFormPageView(f, page, a, form.Errors)
	if err := s.withPrefillHints(r, dc.D, a, &fp); err != nil {
		return err
	}
	title := fp.Title
	if title == "" {
		title = dc.ProcTitle
	}
	v := stepView{Page: s.page(r, "Étape "+strconv.Itoa(n)+" sur "+strconv.Itoa(total)+" : "+title+" — "+dc.ProcTitle),
		dossierCtx: dc, Number: page, Step: n, Steps: total, FormPage: fp, Form: form, Action: stepURL(dc.D.ID, page) + backToReview(r),
		HasBack: f.Prev(page, a) >= 0, BackURL: "/demarches/" + dc.D.Procedure, HasFile: fp.Multipart}
	v.HasErrors = !form.Valid()
	return s.render(w, status, "dossiers-step", v)
}

// dossierStepSave stores the page as soon as it is sent, whatever is
// wrong with it, then goes on, back, or to "Mes démarches" as the person
// asked; a page with problems is shown again with every value typed and
// every problem listed.
func (s *Server) dossierStepSave(w http.ResponseWriter, r *http.Request) error {
	form, tooBig := parseUpload(r)
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if dc.D.State != dossiers.Draft {
		http.Redirect(w, r, dossierURL(dc.D.ID), http.StatusSeeOther)
		return nil
	}
	page, err := stepOf(r, dc.Form)
	if err != nil {
		return err
	}
	f := dc.Form
	if tooBig {
		form.Fail(firstFileKey(f, page), "Le fichier est trop lourd : la page accepte "+sizeText(maxDossierUpload)+" au plus. Choisissez un fichier plus léger.")
		return s.renderStep(w, r, http.StatusRequestEntityTooLarge, dc, page, form)
	}
	posted, act := f.ParsePage(page, r.PostForm)
	answers := dc.Answers.Merge(posted)
	// Files first: a file refused is said beside its field, the rest kept.
	fileProblems, err := s.storeFiles(r, dc, page)
	if err != nil {
		return err
	}
	if d, err := s.Dossiers.Get(r.Context(), ownerID(r), dc.D.ID); err == nil {
		for k, v := range formAnswers(d.Answers) {
			if v.File != nil {
				answers[k] = v
			}
		}
	}
	action := form.Get("action")
	var problems []errs.FieldError
	if !act.Changed() {
		var cleaned forms.Answers
		cleaned, problems = f.Validate(page, answers)
		answers = answers.Merge(cleaned)
	}
	problems = append(fileProblems, withoutFields(problems, fileProblems)...)
	next := page
	switch {
	case act.Changed() || (action != "retour" && action != "plus-tard" && len(problems) > 0):
	case action == "retour":
		next = f.Prev(page, answers)
	case action == "plus-tard":
	case backToReview(r) != "":
		// Changed from "Vérifiez vos réponses": back there, where a page
		// that the change made appear is reported.
		next = -1
	default:
		next = f.Next(page, answers)
	}
	saveNext := next
	if next < 0 && action == "retour" {
		saveNext = page
	}
	d, err := s.Dossiers.SavePage(r.Context(), ownerID(r), dc.D.ID, dossiers.Page{Number: page,
		Fields: pageKeys(f, page), Values: dossierAnswers(answers, pageKeys(f, page)), Next: saveNext})
	if err != nil {
		return err
	}
	dc.D, dc.Answers = d, answers
	switch {
	case act.Changed():
		return s.renderStep(w, r, http.StatusOK, dc, page, form)
	case action == "plus-tard":
		http.Redirect(w, r, dossierURL(d.ID)+"?enregistre=1", http.StatusSeeOther)
	case action == "retour" && next < 0:
		http.Redirect(w, r, "/demarches/"+d.Procedure, http.StatusSeeOther)
	case action == "retour":
		http.Redirect(w, r, stepURL(d.ID, next), http.StatusSeeOther)
	case len(problems) > 0:
		form.Errors = append(form.Errors, problems...)
		return s.renderStep(w, r, http.StatusUnprocessableEntity, dc, page, form)
	default:
		http.Redirect(w, r, stepURL(d.ID, next), http.StatusSeeOther)
	}
	return nil
}

// firstFileKey is the key of the first file field of page, for the
// message about a body too heavy to read.
func firstFileKey(f *forms.Form, page int) string {
	for _, fd := range f.Pages[page].Fields {
		if fd.Type == forms.File {
			return fd.Key
		}
	}
	return "action"
}

// storeFiles stores the files chosen on page, each checked against its
// field (size, type from the content), and returns the problems.
func (s *Server) storeFiles(r *http.Request, dc *dossierCtx, page int) ([]errs.FieldError, error) {
	var problems []errs.FieldError
	for i := range dc.Form.Pages[page].Fields {
		fd := &dc.Form.Pages[page].Fields[i]
		fh := uploaded(r, fd.Key)
		if fd.Type != forms.File || fh == nil || !dc.Form.Visible(fd, dc.Answers) {
			continue
		}
		file, err := fh.Open()
		if err != nil {
			return nil, err
		}
		head := make([]byte, 16)
		n, _ := io.ReadFull(file, head)
		if _, msg := fd.CheckFile(fh.Size, head[:n]); msg != "" {
			file.Close()
			problems = append(problems, errs.FieldError{Field: fd.Key, Message: "« " + fh.Filename + " » : " + msg})
			continue
		}
		_, err = s.Dossiers.AttachFile(r.Context(), ownerID(r), dc.D.ID, dossiers.Upload{Field: fd.Key,
			Name: fh.Filename, Content: io.MultiReader(bytes.NewReader(head[:n]), file), MaxSize: fd.MaxFileSize(),
			Answer: fileAnswer})
		file.Close()
		if fe := errs.FieldsOf(err); len(fe) > 0 {
			problems = append(problems, fe...)
			continue
		}
		if err != nil {
			return nil, err
		}
	}
	return problems, nil
}

// withoutFields drops from problems those about a field already in others
// (a file refused is not also "missing").
func withoutFields(problems, others []errs.FieldError) []errs.FieldError {
	var out []errs.FieldError
	for _, p := range problems {
		if errorFor(others, p.Field) == "" {
			out = append(out, p)
		}
	}
	return out
}

// backToReview is the query that brings a page opened from "Vérifiez vos
// réponses" back there once sent, "" for a page opened in order.
func backToReview(r *http.Request) string {
	if r.URL.Query().Get("retour") == "verifier" {
		return "?retour=verifier"
	}
	return ""
}
