package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"guichet/internal/errs"
)

// dossierFile sends a file of the person's own dossier. The service checks
// that the dossier is theirs; the headers keep a browser from running
// anything it holds.
func (s *Server) dossierFile(w http.ResponseWriter, r *http.Request) error {
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, err2 := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err1 != nil || err2 != nil {
		return errs.E(errs.NotFound, "Ce fichier n'existe pas.")
	}
	f, rc, err := s.Dossiers.OpenFile(r.Context(), ownerID(r), fileID)
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.DossierID != id {
		return errs.E(errs.NotFound, "Ce fichier n'existe pas, ou vous ne pouvez pas l'ouvrir.")
	}
	if actingOf(r) != nil {
		// A mediator opens only the files of dossiers in their mandate's scope.
		if _, err := s.loadDossier(r); err != nil {
			return err
		}
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.DownloadName()}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, err = io.Copy(w, rc)
	return err
}
