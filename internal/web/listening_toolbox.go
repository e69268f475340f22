package web

import (
	"fmt"
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/listening"
)

// The toolbox ("boîte à outils") lives under every staff space: agents,
// mediators, owners and the observatory of any organisation read and add
// good practices, each credited to the organisation of the space it was
// written from. No route of it is public.

type toolboxView struct {
	Page
	Org, OrgName string
	Query, Tag   string
	Practices    []listening.Practice
	Procedures   []procedureChoice
	Form         *Form
	Added        bool
}

func (s *Server) toolboxPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderToolbox(w, r, http.StatusOK, emptyForm())
}

func (s *Server) renderToolbox(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	q, tag := r.URL.Query().Get("q"), r.URL.Query().Get("mot-cle")
	list, err := s.Listening.Practices(r.Context(), q, tag)
	if err != nil {
		return err
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	// Shared by every organisation: the title says from whose space, and
	// what was searched, so that each address has its own title.
	title := "Boîte à outils des agents et des médiateurs, depuis l'espace " + orgWords(org.Name).Of
	switch {
	case q != "":
		title = plural(len(list), "résultat", "résultats") + " pour « " + q + " » dans la boîte à outils, depuis l'espace " + orgWords(org.Name).Of
	case tag != "":
		title = plural(len(list), "bonne pratique", "bonnes pratiques") + " avec le mot-clé « " + tag + " », depuis l'espace " + orgWords(org.Name).Of
	}
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := toolboxView{Page: s.page(r, title), Org: org.Slug, OrgName: org.Name, Query: q, Tag: tag, Practices: list, Form: f,
		Added: r.URL.Query().Get("fait") == "1"}
	for _, p := range sn.Procedures() {
		v.Procedures = append(v.Procedures, procedureChoice{p.Slug, p.Title})
	}
	return s.render(w, status, "listening-toolbox", v)
}

func (s *Server) addPractice(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	in := listening.PracticeInput{Title: f.Get("title"), Body: f.Get("body"), Tags: f.Get("tags")}
	if slug := f.Get("procedure"); slug != "" {
		sn, err := s.Catalogue.Snapshot(r.Context())
		if err != nil {
			return err
		}
		p, ok := sn.Procedure(slug)
		if !ok {
			f.Fail("procedure", "Choisissez une démarche de la liste, ou « Aucune démarche en particulier ».")
			return s.renderToolbox(w, r, http.StatusUnprocessableEntity, f)
		}
		in.Procedure = p.Slug
	}
	id, err := s.Listening.AddPractice(r.Context(), in, s.moderator(r, org.ID))
	if f.FailWith(err) {
		return s.renderToolbox(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/boite-a-outils/%d", org.Slug, id), http.StatusSeeOther)
	return nil
}

type practiceView struct {
	Page
	Org            string
	P              listening.Practice
	ProcedureTitle string
}

func (s *Server) practicePage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Cette bonne pratique n'existe pas.")
	}
	p, err := s.Listening.PracticeByID(r.Context(), id)
	if err != nil {
		return err
	}
	v := practiceView{Page: s.page(r, "Bonne pratique : "+p.Title), Org: r.PathValue("org"), P: p}
	if p.Procedure != "" {
		sn, err := s.Catalogue.Snapshot(r.Context())
		if err != nil {
			return err
		}
		if proc, ok := sn.Procedure(p.Procedure); ok {
			v.ProcedureTitle = proc.Title
		}
	}
	return s.render(w, http.StatusOK, "listening-practice", v)
}
