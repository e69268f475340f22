package web

import (
	"net/http"
	"sort"

	"guichet/internal/identity"
)

type orgCard struct {
	Slug, Name string
	Roles      []string
}

func (s *Server) staffHome(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	byOrg := map[string]*orgCard{}
	var cards []*orgCard
	for _, m := range u.Memberships {
		c, ok := byOrg[m.OrgSlug]
		if !ok {
			c = &orgCard{Slug: m.OrgSlug, Name: m.OrgName}
			byOrg[m.OrgSlug] = c
			cards = append(cards, c)
		}
		c.Roles = append(c.Roles, identity.RoleLabel(m.Role))
	}
	sort.Slice(cards, func(i, j int) bool { return cards[i].Name < cards[j].Name })
	v := struct {
		Page
		Orgs    []*orgCard
		IsAdmin bool // the platform pages are for the platform's administrators
	}{s.page(r, "Mon espace"), cards, u.IsPlatformAdmin()}
	return s.render(w, http.StatusOK, "staff-home", v)
}

func (s *Server) orgHome(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	members, err := s.Identity.Members(r.Context(), org.ID)
	if err != nil {
		return err
	}
	// The notification pages each role of this organisation may open.
	_, wordErr := scopeOf(r, templateEditors...)
	_, sendErr := scopeOf(r, collectiveSenders...)
	v := struct {
		Page
		Org              *identity.Organisation
		Members          []identity.Member
		CanWord, CanSend bool
	}{s.page(r, org.Name), org, members, wordErr == nil, sendErr == nil}
	return s.render(w, http.StatusOK, "org-home", v)
}
