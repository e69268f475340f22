package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/forms"
)

// formPreviewView is the model of the owners' preview of one page of the draft form.
type formPreviewView struct {
	Page
	ProcedureTitle    string
	FormURL           string
	PageNumber, Pages int
	// Step and Steps are what the person would read: "Étape 2 sur 5",
	// the pages their answers show.
	Step, Steps int
	Fields      []previewField
	// Hidden are the fields of the page that a condition hides, given
	// the answers typed in the preview.
	Hidden           []previewField
	Form             *Form // the problems of the page, for the summary
	Answers          string
	PageIndex        int
	HasBack          bool
	End              bool // "Continuer" on the last page shown
	PrevURL, NextURL string
}

// previewField is a field as a person will see it, with the condition that shows it.
type previewField struct {
	View      FieldView
	Label     string
	Condition string
}

// previewAnswers reads the answers the preview carries from page to page
// (in the page itself, never stored); nothing readable is no answer.
func previewAnswers(raw string) forms.Answers {
	a := forms.Answers{}
	if len(raw) <= maxFormBody {
		json.Unmarshal([]byte(raw), &a)
	}
	return a
}

// formPreview shows a page of the draft as people will see it. The answers
// typed travel with the page, so that a field shown on a condition appears,
// a page that its conditions leave empty is skipped, and the checks of a
// person's page apply, exactly as in a dossier (forms.Form.Visible, Next,
// Prev, Validate); the fields a condition hides are listed for the owner.
// Files are not sent from the preview: their fields are never in the way.
// Nothing is sent or kept.
func (s *Server) formPreview(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	f := e.Draft
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 0 || page >= len(f.Pages) {
		page = 0
	}
	answers := previewAnswers(q.Get("reponses"))
	v := formPreviewView{Page: s.page(r, "Aperçu du formulaire : "+e.Title), ProcedureTitle: e.Title,
		FormURL: e.formURL(), Pages: len(f.Pages), Form: emptyForm()}
	if q.Get("envoi") == "1" && page < len(f.Pages) {
		var act forms.RowAction
		var posted forms.Answers
		posted, act = f.ParsePage(page, q)
		answers = answers.Merge(posted)
		if !act.Changed() {
			cleaned, problems := f.Validate(page, answers)
			answers = answers.Merge(cleaned)
			switch problems = withoutFiles(f, problems); {
			case q.Get("action") == "retour":
				if p := f.Prev(page, answers); p >= 0 {
					page = p
				}
			case len(problems) > 0:
				v.Form.Errors = problems
			default:
				if p := f.Next(page, answers); p >= 0 {
					page = p
				} else {
					v.End = true
				}
			}
		}
	}
	if len(f.Pages) > 0 {
		s.previewPage(&v, f, page, answers)
	}
	v.HasErrors = !v.Form.Valid()
	return s.render(w, http.StatusOK, "forms-staff-preview", v)
}

// previewPage fills v with page of f given answers.
func (s *Server) previewPage(v *formPreviewView, f *forms.Form, page int, answers forms.Answers) {
	v.PageNumber, v.PageIndex = page+1, page
	v.Step, v.Steps = f.Step(page, answers)
	v.HasBack = f.Prev(page, answers) >= 0
	body, _ := json.Marshal(answers)
	v.Answers = string(body)
	conditions := map[string]string{}
	for i := range f.Pages[page].Fields {
		fd := &f.Pages[page].Fields[i]
		conditions[fd.Key] = describeCondition(f, fd.Condition)
		if !f.Visible(fd, answers) {
			v.Hidden = append(v.Hidden, previewField{Label: fd.Label, Condition: conditions[fd.Key]})
		}
	}
	for _, fv := range newFormPageView(f, page, answers, v.Form.Errors).Fields {
		fv.Heading = false // the preview's own title is the page's h1
		v.Fields = append(v.Fields, previewField{View: fv, Label: fv.Label, Condition: conditions[fv.Name]})
	}
	link := func(p int) string {
		return v.FormURL + "/apercu?" + url.Values{"page": {strconv.Itoa(p)}, "reponses": {v.Answers}}.Encode()
	}
	if page > 0 {
		v.PrevURL = link(page - 1)
	}
	if page+1 < len(f.Pages) {
		v.NextURL = link(page + 1)
	}
}

// withoutFiles drops the problems of file fields: the preview sends no
// file, so a required one must not stop the owner.
func withoutFiles(f *forms.Form, problems []errs.FieldError) []errs.FieldError {
	var out []errs.FieldError
	for _, p := range problems {
		if fd := f.Field(forms.TopKey(p.Field)); fd == nil || fd.Type != forms.File {
			out = append(out, p)
		}
	}
	return out
}
