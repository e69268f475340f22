package web

import (
	"net/http"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/identity"
)

// tokensView is the page where an organisation's administrator makes and
// revokes its API tokens.
type tokensView struct {
	Page
	Org    *identity.Organisation
	Tokens []identity.APIToken
	Form   *Form
	// Secret is the token just made, shown this once.
	Secret, SecretName string
	Revoked            bool
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTokens(w, r, http.StatusOK, emptyForm(), "", "", r.URL.Query().Get("retire") == "ok")
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, f *Form, secret, name string, revoked bool) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Identity.APITokens(r.Context(), org.ID)
	if err != nil {
		return err
	}
	title := "Jetons d'API " + orgWords(org.Name).Of
	if !f.Valid() {
		title = "Erreur : " + title
	}
	if secret != "" {
		// The secret is on this page only: never kept by a cache.
		w.Header().Set("Cache-Control", "no-store")
		title = "Jeton créé : " + title
	}
	return s.render(w, status, "identity-tokens", tokensView{Page: s.page(r, title), Org: org, Tokens: list,
		Form: f, Secret: secret, SecretName: name, Revoked: revoked})
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	secret, tok, err := s.Identity.NewAPIToken(r.Context(), currentUser(r), org.ID,
		identity.APITokenSpec{Name: f.Get("name"), ReadOnly: f.Get("read_only") == "1"})
	if f.FailWith(err) {
		return s.renderTokens(w, r, http.StatusUnprocessableEntity, f, "", "", false)
	}
	if err != nil {
		return err
	}
	return s.renderTokens(w, r, http.StatusOK, emptyForm(), secret, tok.Name, false)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce jeton n'existe pas.")
	}
	if err := s.Identity.RevokeAPIToken(r.Context(), currentUser(r), org.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/jetons?retire=ok", http.StatusSeeOther)
	return nil
}
