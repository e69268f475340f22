package web

import (
	"net/http"
	"strconv"
	"time"

	"guichet/internal/errs"
)

func (s *Server) staffProcedurePublish(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	f := newForm(r)
	number, err := strconv.Atoi(f.Get("revision"))
	if err != nil {
		return errs.E(errs.Invalid, "Choisissez la version à publier.")
	}
	err = s.Catalogue.Publish(r.Context(), o.Editor, slug, number)
	if fe := errs.FieldsOf(err); fe != nil {
		// Show the revision with what is missing next to each field.
		e, rerr := s.Catalogue.Edited(r.Context(), o.Editor, slug)
		if rerr != nil {
			return rerr
		}
		rev, rerr := s.Catalogue.Revision(r.Context(), o.Editor, slug, number)
		if rerr != nil {
			return rerr
		}
		form := &Form{Values: procedureFormValues(rev.Procedure)}
		failAll(form, fe)
		v := s.editView(r, o, e, form)
		v.Problem = "La version " + strconv.Itoa(number) + " ne peut pas être publiée : complétez les points ci-dessous, enregistrez, puis publiez."
		return s.renderProcedureForm(w, r, v, http.StatusUnprocessableEntity, 0)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(slug)+"?fait=publie", http.StatusSeeOther)
	return nil
}

func (s *Server) staffProcedureUnpublish(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	if err := s.Catalogue.Unpublish(r.Context(), o.Editor, slug); err != nil {
		return err
	}
	http.Redirect(w, r, o.editURL(slug)+"?fait=retire", http.StatusSeeOther)
	return nil
}

// historyRow is a line of a procedure's history.
type historyRow struct {
	Number     int
	Title      string
	AuthorName string
	CreatedAt  time.Time
	Summary    scoreCell
	FALC       scoreCell
	Published  bool
	ViewURL    string
}

func (s *Server) staffProcedureHistory(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	e, err := s.Catalogue.Edited(r.Context(), o.Editor, slug)
	if err != nil {
		return err
	}
	revs, err := s.Catalogue.Revisions(r.Context(), o.Editor, slug)
	if err != nil {
		return err
	}
	v := struct {
		Page
		ProcedureTitle, EditURL, PublishURL string
		Rows                                []historyRow
	}{Page: s.page(r, "Historique : "+e.Latest.Procedure.Title), ProcedureTitle: e.Latest.Procedure.Title,
		EditURL: o.editURL(slug), PublishURL: o.editURL(slug) + "/publier"}
	for _, rev := range revs {
		v.Rows = append(v.Rows, historyRow{Number: rev.Number, Title: rev.Title, AuthorName: rev.AuthorName,
			CreatedAt: rev.CreatedAt, Summary: scoreOf(rev.SummaryScore), FALC: scoreOf(rev.FALCScore),
			Published: rev.Published, ViewURL: o.editURL(slug) + "/versions/" + strconv.Itoa(rev.Number)})
	}
	return s.render(w, http.StatusOK, "catalogue-staff-history", v)
}

// staffProcedureRevision shows a revision as the public would see it, with a banner.
func (s *Server) staffProcedureRevision(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	slug := r.PathValue("slug")
	number, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return errs.E(errs.NotFound, "Cette version de la démarche n'existe pas.")
	}
	e, err := s.Catalogue.Edited(r.Context(), o.Editor, slug)
	if err != nil {
		return err
	}
	rev, err := s.Catalogue.Revision(r.Context(), o.Editor, slug, number)
	if err != nil {
		return err
	}
	status := "brouillon"
	switch {
	case number == e.PublishedRevision:
		status = "c'est la version que le public voit"
	case number < e.Latest.Number:
		status = "ancienne version"
	}
	v := newProcedureView(s.page(r, "Aperçu : "+rev.Procedure.Title), rev.Procedure, e.Org.Name)
	v.UpdatedAt = rev.CreatedAt
	v.Preview = &previewInfo{Revision: number, Status: status, EditURL: o.editURL(slug),
		IsLatest: number == e.Latest.Number, Published: number == e.PublishedRevision}
	return s.render(w, http.StatusOK, "catalogue-procedure", v)
}
