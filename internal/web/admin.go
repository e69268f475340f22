package web

import (
	"net/http"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

type adminView struct {
	Page
	Form   *Form
	Orgs   []identity.Organisation
	Roles  []identity.Role
	Events []eventView
}

func (s *Server) adminView(r *http.Request, f *Form) (adminView, error) {
	orgs, err := s.Identity.Organisations(r.Context())
	if err != nil {
		return adminView{}, err
	}
	events, err := s.Identity.AuditEvents(r.Context(), 0, 50)
	if err != nil {
		return adminView{}, err
	}
	v := adminView{Page: s.page(r, "Administration"), Form: f, Orgs: orgs, Events: labelEvents(events)}
	for _, role := range identity.Roles() {
		if role != identity.RoleCitizen {
			v.Roles = append(v.Roles, role)
		}
	}
	v.HasErrors = !f.Valid()
	return v, nil
}

func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) error {
	v, err := s.adminView(r, emptyForm())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "admin-home", v)
}

func (s *Server) adminCreateAccount(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("name", "Indiquez le nom de la personne.")
	if f.Get("email") == "" {
		f.Fail("email", "Indiquez l'adresse e-mail de la personne.")
	} else if err := identity.CheckEmail(f.Get("email")); err != nil {
		f.Fail("email", errs.MessageOf(err))
	}
	if p := f.Raw("password"); p == "" {
		f.Fail("password", "Choisissez un mot de passe provisoire d'au moins 12 caractères.")
	} else if err := identity.CheckPassword(p); err != nil {
		f.Fail("password", errs.MessageOf(err))
	}
	if f.Valid() {
		u, err := s.Identity.CreateUserAs(r.Context(), currentUser(r), identity.NewUser{Email: f.Get("email"), Name: f.Get("name"),
			Password: f.Raw("password"), Role: identity.Role(f.Get("role")), OrgSlug: f.Get("org")})
		switch {
		case errs.Is(err, errs.Forbidden):
			return err
		case errs.Is(err, errs.Conflict):
			f.Fail("email", errs.MessageOf(err))
		case errs.Is(err, errs.Invalid) || errs.Is(err, errs.NotFound):
			f.Fail(fieldOf(err, "org"), errs.MessageOf(err))
		case err != nil:
			return err
		default:
			v, err := s.adminView(r, emptyForm())
			if err != nil {
				return err
			}
			v.Notice = "Le compte de " + u.Email + " est créé. La personne activera son second facteur à sa première connexion."
			return s.render(w, http.StatusOK, "admin-home", v)
		}
	}
	v, err := s.adminView(r, f)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusUnprocessableEntity, "admin-home", v)
}
