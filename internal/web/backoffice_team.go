package web

import (
	"net/http"
	"slices"
	"strconv"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/identity"
)

// teamRow is an agent of the organisation on the team page.
type teamRow struct {
	ID          int64
	Name, Email string
	OnTeam      bool
}

// teamView is the model of a procedure's team page.
type teamView struct {
	Page
	Procedure catalogue.Summary
	ListURL   string
	EditURL   string
	Action    string
	Agents    []teamRow
	Saved     bool
	QueueURL  string
}

// ownedProcedure returns the procedure {slug} of the owner's organisation,
// NotFound for any other.
func (s *Server) ownedProcedure(r *http.Request, o ownerScope) (catalogue.Summary, error) {
	list, err := s.Catalogue.OrgProcedures(r.Context(), o.Editor.OrgID)
	if err != nil {
		return catalogue.Summary{}, err
	}
	for _, p := range list {
		if p.Slug == r.PathValue("slug") {
			return p, nil
		}
	}
	return catalogue.Summary{}, errs.E(errs.NotFound, "Cette démarche n'existe pas dans votre organisation.")
}

// teamView gathers the organisation's agents, marking those on the team.
func (s *Server) teamView(r *http.Request, o ownerScope, p catalogue.Summary) (*teamView, error) {
	team, err := s.Backoffice.Team(r.Context(), o.Editor.OrgID, p.Slug)
	if err != nil {
		return nil, err
	}
	members, err := s.Identity.Members(r.Context(), o.Editor.OrgID)
	if err != nil {
		return nil, err
	}
	v := &teamView{Page: s.page(r, "Équipe de la démarche « "+p.Title+" »"), Procedure: p,
		ListURL: o.listURL(), EditURL: o.editURL(p.Slug), Action: o.editURL(p.Slug) + "/equipe",
		QueueURL: "/espace/" + o.OrgSlug + "/dossiers"}
	for _, m := range members {
		if m.Role == identity.RoleAgent {
			v.Agents = append(v.Agents, teamRow{ID: m.UserID, Name: m.Name, Email: m.Email, OnTeam: slices.Contains(team, m.UserID)})
		}
	}
	return v, nil
}

func (s *Server) teamPage(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	v, err := s.teamView(r, o, p)
	if err != nil {
		return err
	}
	v.Saved = r.URL.Query().Get("enregistre") == "1"
	return s.render(w, http.StatusOK, "backoffice-team", v)
}

// teamSave makes the team the agents ticked: those ticked are added, the
// others taken off.
func (s *Server) teamSave(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	p, err := s.ownedProcedure(r, o)
	if err != nil {
		return err
	}
	v, err := s.teamView(r, o, p)
	if err != nil {
		return err
	}
	f := newForm(r)
	var ticked []int64
	for _, raw := range f.Values["agent"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return errs.E(errs.Invalid, "Cochez les agents dans la liste.")
		}
		ticked = append(ticked, id)
	}
	for _, a := range v.Agents {
		switch want := slices.Contains(ticked, a.ID); {
		case want && !a.OnTeam:
			err = s.Backoffice.AddAgent(r.Context(), o.Editor.OrgID, p.Slug, a.ID, o.Editor.UserID)
		case !want && a.OnTeam:
			err = s.Backoffice.RemoveAgent(r.Context(), o.Editor.OrgID, p.Slug, a.ID, o.Editor.UserID)
		}
		if err != nil {
			return err
		}
	}
	http.Redirect(w, r, v.Action+"?enregistre=1", http.StatusSeeOther)
	return nil
}
