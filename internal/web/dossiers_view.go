package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"guichet/internal/catalogue"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// dossierURL is the address of a dossier's page, or of one of its parts
// ("/mes-demarches/12/verifier").
func dossierURL(id int64, part ...string) string {
	u := "/mes-demarches/" + strconv.FormatInt(id, 10)
	for _, p := range part {
		u += "/" + p
	}
	return u
}

// stepURL is the address of one page of a dossier's form; -1 is the
// review page that follows the last one.
func stepURL(id int64, page int) string {
	if page < 0 {
		return dossierURL(id, "verifier")
	}
	return dossierURL(id, "etape", strconv.Itoa(page+1))
}

// dossierCtx is a dossier of the signed-in person with its form and the
// procedure it is about: what every dossier page starts from.
type dossierCtx struct {
	D         *dossiers.Dossier
	Form      *forms.Form
	Answers   forms.Answers
	Proc      *catalogue.PublishedProcedure // nil when no longer published
	ProcTitle string                        // the procedure's title, its slug when unpublished
}

// loadDossier reads the dossier {id} of the signed-in person, or of the
// person a mediator acts for within their mandate's scope; another
// person's dossier is not found.
func (s *Server) loadDossier(r *http.Request) (*dossierCtx, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E(errs.NotFound, "Ce dossier n'existe pas.")
	}
	ctx := r.Context()
	d, err := s.Dossiers.Get(ctx, ownerID(r), id)
	if err != nil {
		return nil, err
	}
	// A mediator acting for the person: only in the mandate's scope, now.
	if err := s.inScope(r, d.Procedure); err != nil {
		return nil, err
	}
	f, err := s.Forms.Version(ctx, d.Procedure, d.FormVersion)
	if err != nil {
		return nil, err
	}
	dc := &dossierCtx{D: d, Form: f, Answers: formAnswers(d.Answers), ProcTitle: d.Procedure}
	if sn, err := s.Catalogue.Snapshot(ctx); err == nil {
		if p, ok := sn.Procedure(d.Procedure); ok {
			dc.Proc, dc.ProcTitle = p, p.Title
		}
	}
	return dc, nil
}

// formAnswers reads a dossier's answers as the forms module writes them;
// an answer it cannot read is left out, as unanswered.
func formAnswers(a dossiers.Answers) forms.Answers {
	out := forms.Answers{}
	for k, raw := range a {
		var v forms.Value
		if json.Unmarshal(raw, &v) == nil {
			out[k] = v
		}
	}
	return out
}

// dossierAnswers encodes the answers of keys for the dossiers module; a
// key without an answer is sent without one, which clears it.
func dossierAnswers(a forms.Answers, keys []string) dossiers.Answers {
	out := dossiers.Answers{}
	for _, k := range keys {
		if v, ok := a[k]; ok && !v.Empty() {
			b, _ := json.Marshal(v)
			out[k] = b
		}
	}
	return out
}

// pageKeys lists the keys of the answered fields of a page.
func pageKeys(f *forms.Form, page int) []string {
	var keys []string
	for _, fd := range f.Pages[page].Fields {
		if fd.Type.Answered() {
			keys = append(keys, fd.Key)
		}
	}
	return keys
}

// stateClass is the style of a state's badge.
func stateClass(label string) string {
	switch label {
	case "Brouillon":
		return "badge-draft"
	case "À corriger":
		return "badge-warn"
	case "Accepté":
		return "badge-ok"
	case "Refusé", "Classé sans suite":
		return "badge-no"
	}
	return "badge-info"
}

// fileTypeOf is the forms module's name for a content type the dossiers
// module detected.
func fileTypeOf(contentType string) string {
	switch contentType {
	case dossiers.TypePDF:
		return forms.FileTypePDF
	case dossiers.TypeJPEG:
		return forms.FileTypeJPEG
	case dossiers.TypePNG:
		return forms.FileTypePNG
	case dossiers.TypeHEIC:
		return forms.FileTypeHEIC
	}
	return ""
}

// fileAnswer is the answer of a File field pointing to a stored file.
func fileAnswer(f dossiers.File) (json.RawMessage, error) {
	return json.Marshal(forms.Value{File: &forms.FileRef{ID: fmt.Sprint(f.ID), Name: f.Name,
		Type: fileTypeOf(f.ContentType), Size: f.Size}})
}
