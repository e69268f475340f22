package web

import (
	"net/http"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// procedurePart serves the pages under a procedure's address: its
// easy-to-read version, and the start of its online form, which needs a
// signed-in person (others are sent to sign in and come back here).
func (s *Server) procedurePart(w http.ResponseWriter, r *http.Request) error {
	if r.PathValue("part") != "commencer" {
		return s.procedureEasyPage(w, r)
	}
	if err := s.authorize(w, r, signedIn); err != nil {
		return err
	}
	return s.forPerson(s.dossierStart)(w, r)
}

// dossierStart opens the person's draft of a procedure, starting it when
// they have none: following the link again, a double click, a second tab
// or the back button lead to the same draft, where they left it. A person
// not signed in is sent to sign in and comes back here (see authorize).
func (s *Server) dossierStart(w http.ResponseWriter, r *http.Request) error {
	st, err := s.startOf(r)
	if err != nil {
		return err
	}
	d, created, err := s.Dossiers.StartDraft(r.Context(), st)
	if err != nil {
		return err
	}
	if created {
		if err := s.prefillDraft(r, d); err != nil {
			return err
		}
	}
	return s.resume(w, r, d, created)
}

// dossierStartAnother starts a further draft where the procedure allows it.
func (s *Server) dossierStartAnother(w http.ResponseWriter, r *http.Request) error {
	st, err := s.startOf(r)
	if err != nil {
		return err
	}
	d, err := s.Dossiers.StartAnother(r.Context(), st)
	if err != nil {
		return err
	}
	if err := s.prefillDraft(r, d); err != nil {
		return err
	}
	return s.resume(w, r, d, true)
}

// startOf says what starting the procedure {slug} means: the published
// procedure's administration and the form version published now.
func (s *Server) startOf(r *http.Request) (dossiers.Start, error) {
	ctx := r.Context()
	sn, err := s.Catalogue.Snapshot(ctx)
	if err != nil {
		return dossiers.Start{}, err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return dossiers.Start{}, errs.E(errs.NotFound, "Cette démarche n'existe pas ou n'est plus en ligne. Cherchez-la par son nom.")
	}
	f, err := s.Forms.Published(ctx, p.Slug)
	if errs.Is(err, errs.NotFound) {
		return dossiers.Start{}, errs.E(errs.NotFound, "Cette démarche ne se fait pas encore en ligne sur Guichet. Sa page dit comment la faire.")
	}
	if err != nil {
		return dossiers.Start{}, err
	}
	if err := s.inScope(r, p.Slug); err != nil {
		return dossiers.Start{}, err
	}
	return dossiers.Start{UserID: ownerID(r), Procedure: p.Slug, OrgID: p.Org.ID, FormVersion: f.Version}, nil
}

// resume sends the person to where their draft stands: its first page
// when new, the page they were on otherwise.
func (s *Server) resume(w http.ResponseWriter, r *http.Request, d *dossiers.Dossier, created bool) error {
	if d.State != dossiers.Draft {
		http.Redirect(w, r, dossierURL(d.ID), http.StatusSeeOther)
		return nil
	}
	f, err := s.Forms.Version(r.Context(), d.Procedure, d.FormVersion)
	if err != nil {
		return err
	}
	a := formAnswers(d.Answers)
	page := d.CurrentPage
	if created || (page >= 0 && !f.PageShown(page, a)) {
		page = f.First(a)
	}
	http.Redirect(w, r, stepURL(d.ID, page), http.StatusSeeOther)
	return nil
}
