package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/listening"
)

// The agents' suggestion box lives under every staff space: any colleague,
// of any organisation, reads, votes and comments; the owner of the
// procedure (or, for the service, a platform administrator) answers. No
// route of it is public (TestSuggestionBoxIsNeverPublic).

// procedureChoice is a procedure one may suggest about.
type procedureChoice struct{ Slug, Title string }

type suggestionsView struct {
	Page
	Org         string
	Suggestions []listening.Suggestion
	Procedures  []procedureChoice
	Form        *Form
}

func (s *Server) suggestionsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderSuggestions(w, r, http.StatusOK, emptyForm())
}

func (s *Server) renderSuggestions(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	list, err := s.Listening.Suggestions(r.Context(), currentUser(r).ID)
	if err != nil {
		return err
	}
	sn, err := s.Catalogue.Snapshot(r.Context())
	if err != nil {
		return err
	}
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	// The box is shared by every organisation; its title says from whose
	// space it is read, so that each address has its own title.
	title := "Boîte à idées des agents, depuis l'espace " + orgWords(org.Name).Of
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := suggestionsView{Page: s.page(r, title), Org: r.PathValue("org"), Suggestions: list, Form: f}
	for _, p := range sn.Procedures() {
		v.Procedures = append(v.Procedures, procedureChoice{p.Slug, p.Title})
	}
	return s.render(w, status, "listening-suggestions", v)
}

func (s *Server) suggest(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	idea := listening.Idea{Title: f.Get("title"), Body: f.Get("body")}
	if slug := f.Get("procedure"); slug != "" {
		sn, err := s.Catalogue.Snapshot(r.Context())
		if err != nil {
			return err
		}
		p, ok := sn.Procedure(slug)
		if !ok {
			f.Fail("procedure", "Choisissez une démarche de la liste, ou « Le service Guichet ».")
			return s.renderSuggestions(w, r, http.StatusUnprocessableEntity, f)
		}
		idea.Procedure, idea.OwnerOrgID = p.Slug, p.Org.ID
	}
	id, err := s.Listening.Suggest(r.Context(), idea, currentUser(r).ID)
	if f.FailWith(err) {
		return s.renderSuggestions(w, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/idees/%d", r.PathValue("org"), id), http.StatusSeeOther)
	return nil
}

type suggestionView struct {
	Page
	Org        string
	S          listening.Suggestion
	MayAnswer  bool
	Statuses   []faceChoice
	Form       *Form
	FormAction string
	// ActionURL turns the idea into an action, for its owner.
	ActionURL string
}

// mayAnswer tells whether u answers the suggestions of organisation orgID
// (0: the service, answered by the platform's administrators and the
// observatory).
func mayAnswer(u *identity.User) func(int64) bool {
	return func(orgID int64) bool {
		if orgID == 0 {
			return u.IsPlatformAdmin() || u.HasRole(identity.RoleObservatory)
		}
		return u.HasRoleIn(identity.RoleProcedureOwner, orgID)
	}
}

// mayTurnIdea tells whether u, acting in organisation spaceOrg, may turn a
// suggestion of organisation orgID into one of spaceOrg's actions: its
// procedure's owner, or for the service the observatory of spaceOrg.
func mayTurnIdea(u *identity.User, spaceOrg int64) func(int64) bool {
	return func(orgID int64) bool {
		if orgID == 0 {
			return u.HasRoleIn(identity.RoleObservatory, spaceOrg)
		}
		return orgID == spaceOrg && u.HasRoleIn(identity.RoleProcedureOwner, orgID)
	}
}

func (s *Server) suggestionPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderSuggestion(w, r, http.StatusOK, emptyForm(), "")
}

func (s *Server) renderSuggestion(w http.ResponseWriter, r *http.Request, status int, f *Form, action string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "")
	}
	u := currentUser(r)
	sg, err := s.Listening.SuggestionByID(r.Context(), id, u.ID)
	if err != nil {
		return err
	}
	title := "Idée : " + sg.Title
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := suggestionView{Page: s.page(r, title), Org: r.PathValue("org"), S: sg, MayAnswer: mayAnswer(u)(sg.OwnerOrgID),
		Form: f, FormAction: action}
	if sg.Status != listening.SuggestionAction {
		// The owner turns it into an action of the procedure's organisation;
		// an idea about the service, the observatory of the space it reads from.
		orgID := sg.OwnerOrgID
		if orgID == 0 {
			space, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
			if err != nil {
				return err
			}
			orgID = space.ID
		}
		if mayTurnIdea(u, orgID)(sg.OwnerOrgID) {
			org, err := s.Identity.OrganisationByID(r.Context(), orgID)
			if err != nil {
				return err
			}
			v.ActionURL = fmt.Sprintf("/espace/%s/actions?source=idee-%d&demarche=%s#nouvelle", org.Slug, sg.ID, url.QueryEscape(sg.Procedure))
		}
	}
	for _, st := range listening.AnswerStatuses() {
		v.Statuses = append(v.Statuses, faceChoice{Value: string(st), Label: st.Label()})
	}
	return s.render(w, status, "listening-suggestion", v)
}

// suggestionAction handles voting, commenting and answering.
func (s *Server) suggestionAction(action string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return errs.E(errs.NotFound, "")
		}
		u := currentUser(r)
		f := newForm(r)
		switch action {
		case "voter":
			err = s.Listening.Vote(r.Context(), id, u.ID)
			if errs.Is(err, errs.Conflict) {
				f.Fail("vote", errs.MessageOf(err))
				return s.renderSuggestion(w, r, http.StatusConflict, f, action)
			}
		case "commenter":
			err = s.Listening.Comment(r.Context(), id, u.ID, f.Get("comment"))
		default:
			err = s.Listening.AnswerSuggestion(r.Context(), id, listening.SuggestionStatus(f.Get("status")), f.Get("answer"),
				listening.Owner{UserID: u.ID, IP: s.clientIP(r), MayAnswer: mayAnswer(u)})
		}
		if f.FailWith(err) {
			return s.renderSuggestion(w, r, http.StatusUnprocessableEntity, f, action)
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/espace/%s/idees/%d", r.PathValue("org"), id), http.StatusSeeOther)
		return nil
	}
}
