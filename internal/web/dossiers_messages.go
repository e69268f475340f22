package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"

	"guichet/internal/dossiers"
)

// dossierMessage posts the person's message, with its attachment, on
// their dossier. A problem shows the page again with the message kept.
func (s *Server) dossierMessage(w http.ResponseWriter, r *http.Request) error {
	form, tooBig := parseUpload(r)
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if tooBig {
		form.Fail("piece_jointe", "Le fichier est trop lourd : "+sizeText(maxDossierUpload)+" au plus. Choisissez un fichier plus léger.")
		return s.messageFailed(w, r, dc, form)
	}
	var ups []dossiers.Upload
	if fh := uploaded(r, "piece_jointe"); fh != nil {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		ups = append(ups, dossiers.Upload{Name: fh.Filename, Content: f})
	}
	_, err = s.Dossiers.PostMessage(r.Context(), ownerID(r), dc.D.ID, form.Raw("message"), ups)
	if form.FailWith(err) {
		return s.messageFailed(w, r, dc, form)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, dossierURL(dc.D.ID)+"?message=1#messages", http.StatusSeeOther)
	return nil
}

func (s *Server) messageFailed(w http.ResponseWriter, r *http.Request, dc *dossierCtx, form *Form) error {
	v, err := s.dossierView(r, dc, form)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusUnprocessableEntity, "dossiers-show", v)
}

// maxDossierUpload is the body a page sending files may send: a dossier's
// files at most, so that one file over its field's limit (10 Mo) still
// reaches the page, which says so beside the field and keeps the rest.
const maxDossierUpload = dossiers.DefaultMaxDossierSize + 1<<20

// uploaded returns the file sent in the input name, nil when none was chosen.
func uploaded(r *http.Request, name string) *multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	fhs := r.MultipartForm.File[name]
	if len(fhs) == 0 || fhs[0].Filename == "" {
		return nil
	}
	return fhs[0]
}

// parseUpload reads a multipart form and tells whether the body was cut
// short by the route's limit (everything sent is then lost, and the page
// says the file was too heavy).
func parseUpload(r *http.Request) (*Form, bool) {
	var tooBig *http.MaxBytesError
	err := r.ParseMultipartForm(8 << 20)
	if r.PostForm == nil {
		r.PostForm = url.Values{}
	}
	for _, vs := range r.PostForm {
		for i, v := range vs {
			vs[i] = cleanText(v)
		}
	}
	return &Form{Values: r.PostForm}, errors.As(err, &tooBig)
}
