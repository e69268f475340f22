package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/listening"
)

// workshopRoles record listening workshops: an observatory, or an owner.
var workshopRoles = []identity.Role{identity.RoleObservatory, identity.RoleProcedureOwner}

type workshopsView struct {
	Page
	Org        string
	Workshops  []listening.Workshop
	Procedures []procedureChoice
	Form       *Form
	FormFor    int64
	// NewForm is the form of a new workshop: Form unless a verbatim failed.
	NewForm *Form
}

func (s *Server) workshopsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderWorkshops(w, r, http.StatusOK, emptyForm(), 0)
}

func (s *Server) renderWorkshops(w http.ResponseWriter, r *http.Request, status int, f *Form, formFor int64) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Listening.Workshops(r.Context(), org.ID)
	if err != nil {
		return err
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	title := "Ateliers d'écoute " + orgWords(org.Name).Of
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := workshopsView{Page: s.page(r, title), Org: org.Slug, Workshops: list, Form: f, FormFor: formFor, NewForm: f}
	if formFor != 0 {
		v.NewForm = emptyForm()
	}
	for _, p := range sn.Procedures() {
		v.Procedures = append(v.Procedures, procedureChoice{p.Slug, p.Title})
	}
	return s.render(w, status, "listening-workshops", v)
}

// count reads a count field, recording a problem when it is not a number.
func count(f *Form, name string) int {
	v := f.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Fail(name, "Écrivez un nombre, par exemple 3.")
	}
	return n
}

func (s *Server) recordWorkshop(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	ws := listening.Workshop{Place: f.Get("place"), Facilitator: f.Get("facilitator")}
	if d := f.Get("held_on"); d != "" {
		if ws.HeldOn, err = time.ParseInLocation("2006-01-02", d, paris); err != nil {
			f.Fail("held_on", "Écrivez la date de l'atelier sous la forme 2026-03-15.")
		}
	}
	ws.Profiles = listening.Profiles{Participants: count(f, "participants"), Disability: count(f, "disability"),
		Illiteracy: count(f, "illiteracy"), Precarity: count(f, "precarity"), FarDigital: count(f, "far_digital"),
		AgeUnder25: count(f, "age_under_25"), Age25To64: count(f, "age_25_64"), Age65Plus: count(f, "age_65_plus")}
	if !f.Valid() {
		return s.renderWorkshops(w, r, http.StatusUnprocessableEntity, f, 0)
	}
	_, err = s.Listening.RecordWorkshop(r.Context(), ws, listening.Moderator{UserID: currentUser(r).ID, OrgID: org.ID, IP: s.clientIP(r)})
	if f.FailWith(err) {
		return s.renderWorkshops(w, r, http.StatusUnprocessableEntity, f, 0)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/ateliers", http.StatusSeeOther)
	return nil
}

func (s *Server) addVerbatim(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "")
	}
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	_, err = s.Listening.AddVerbatim(r.Context(), id, listening.Verbatim{Procedure: f.Get("procedure"), Step: f.Get("step"),
		Body: f.Get("verbatim")}, listening.Moderator{UserID: currentUser(r).ID, OrgID: org.ID, IP: s.clientIP(r)})
	if f.FailWith(err) {
		return s.renderWorkshops(w, r, http.StatusUnprocessableEntity, f, id)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/ateliers#atelier-%d", org.Slug, id), http.StatusSeeOther)
	return nil
}
