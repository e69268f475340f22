package web

import (
	"net/http"
	"strconv"

	"guichet/internal/forms"
)

// formPreviewView is the model of the owners' preview of one page of the draft form.
type formPreviewView struct {
	Page
	ProcedureTitle    string
	FormURL           string
	PageNumber, Pages int
	PageTitle         string
	Fields            []previewField
	PrevURL, NextURL  string
	Multipart         bool
	// NextIndex is the page "Continuer" leads to: the next one, or this one at the end.
	NextIndex int
}

// previewField is a field as a person will see it, with the condition that shows it.
type previewField struct {
	View      FieldView
	Condition string
}

// formPreview shows a page of the draft as people will see it, every field shown whatever
// its condition (the condition is said above it). Nothing is sent or kept.
func (s *Server) formPreview(w http.ResponseWriter, r *http.Request) error {
	e, err := s.openFormEditor(r)
	if err != nil {
		return err
	}
	f := e.Draft
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if page < 0 || page >= len(f.Pages) {
		page = 0
	}
	v := formPreviewView{Page: s.page(r, "Aperçu du formulaire : "+e.Title), ProcedureTitle: e.Title,
		FormURL: e.formURL(), PageNumber: page + 1, Pages: len(f.Pages)}
	if page < len(f.Pages) {
		pg := &f.Pages[page]
		v.PageTitle, v.Multipart = pg.Title, f.PageHasFile(page)
		for i := range pg.Fields {
			fd := &pg.Fields[i]
			value := forms.Value{}
			if fd.Type == forms.Repeat {
				// One empty item shows the block's fields.
				value.Rows = []forms.Answers{{}}
			}
			v.Fields = append(v.Fields, previewField{View: newFieldView(fd, fd.Key, value, nil),
				Condition: describeCondition(f, fd.Condition)})
		}
	}
	if page > 0 {
		v.PrevURL = e.formURL() + "/apercu?page=" + strconv.Itoa(page-1)
	}
	v.NextIndex = page
	if page+1 < len(f.Pages) {
		v.NextIndex = page + 1
		v.NextURL = e.formURL() + "/apercu?page=" + strconv.Itoa(page+1)
	}
	return s.render(w, http.StatusOK, "forms-staff-preview", v)
}
