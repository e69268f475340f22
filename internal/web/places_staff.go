package web

import (
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/places"
)

// staffPlacesView is the model of the list of places a structure manages.
type staffPlacesView struct {
	Page
	Org    *identity.Organisation
	Places []places.Place
}

func (s *Server) staffPlaces(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Places.ListByOrg(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := staffPlacesView{Page: s.page(r, "Les lieux "+orgWords(org.Name).Of), Org: org, Places: list}
	return s.render(w, http.StatusOK, "places-staff-list", v)
}

// placeEditView is the model of the edit form of a place.
type placeEditView struct {
	Page
	Org       *identity.Organisation
	P         *places.Place // as stored
	Form      *Form
	Groups    []checkGroup
	Action    string
	PublicURL string
}

// staffPlace returns the organisation of the address and the place it
// manages; a place of another structure is refused.
func (s *Server) staffPlace(r *http.Request) (*identity.Organisation, *places.Place, error) {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return nil, nil, err
	}
	key, err := placeKey(r)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.Places.Get(r.Context(), key)
	if err != nil {
		return nil, nil, err
	}
	if p.OrgID == nil || *p.OrgID != org.ID {
		return nil, nil, errs.E(errs.Forbidden, "Votre structure ne gère pas ce lieu : vous pouvez seulement consulter sa page publique.")
	}
	return org, p, nil
}

// staffPlaceURL is the address where the staff of the structure slug
// edit p.
func staffPlaceURL(slug string, p *places.Place) string {
	return "/espace/" + slug + "/lieux/" + strconv.FormatInt(p.Key, 10)
}

func (s *Server) placeEditView(r *http.Request, org *identity.Organisation, p *places.Place, f *Form) placeEditView {
	v := placeEditView{Page: s.page(r, "Modifier « "+p.Nom+" »"), Org: org, P: p, Form: f, Groups: placeGroups(f),
		Action: staffPlaceURL(org.Slug, p), PublicURL: placeURL(p)}
	v.HasErrors = !f.Valid()
	return v
}

func (s *Server) staffPlaceEdit(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.staffPlace(r)
	if err != nil {
		return err
	}
	v := s.placeEditView(r, org, p, &Form{Values: placeFormValues(p)})
	if r.URL.Query().Has("enregistre") {
		v.Notice = "Vos changements sont enregistrés. Ils sont visibles sur la page publique du lieu."
	}
	return s.render(w, http.StatusOK, "places-staff-edit", v)
}

func (s *Server) staffPlaceSave(w http.ResponseWriter, r *http.Request) error {
	org, p, err := s.staffPlace(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	next := placeFromForm(f, *p)
	if f.Valid() {
		err := s.Places.Update(r.Context(), &next, org.ID)
		switch {
		case f.FailWith(err):
		case err != nil:
			return err
		default:
			http.Redirect(w, r, staffPlaceURL(org.Slug, p)+"?enregistre=1", http.StatusSeeOther)
			return nil
		}
	} else {
		// Show the standard's rules broken elsewhere in the form too, so
		// that one round fixes everything.
		check := next
		places.Clean(&check)
		for _, fe := range places.Validate(&check) {
			if f.ErrorFor(fe.Field) == "" {
				f.Fail(fe.Field, fe.Message)
			}
		}
	}
	return s.render(w, http.StatusUnprocessableEntity, "places-staff-edit", s.placeEditView(r, org, p, f))
}
