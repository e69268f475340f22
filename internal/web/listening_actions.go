package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guichet/internal/errs"
	"guichet/internal/listening"
)

// actionsView is a public board of actions: of a procedure or of an
// administration, with their progress, milestones and a form to follow each.
type actionsView struct {
	Page
	Heading, Intro, Back, BackLabel string
	Actions                         []*listening.Action
	Followed                        string
}

func (s *Server) procedureActionsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	list, err := s.Listening.ProcedureActions(r.Context(), p.Org.ID, p.Slug)
	if err != nil {
		return err
	}
	h := "Ce que l'administration fait pour améliorer « " + p.Title + " »"
	v := actionsView{Page: s.page(r, h), Heading: h, Actions: list, Back: "/demarches/" + p.Slug,
		BackLabel: "Revenir à la démarche « " + p.Title + " »", Followed: r.URL.Query().Get("suivi"),
		Intro: "Les actions décidées à partir des avis, des expériences des usagers et des idées des agents, avec leur avancement."}
	return s.render(w, http.StatusOK, "listening-actions", v)
}

func (s *Server) orgActionsPage(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	list, err := s.Listening.OrgActions(r.Context(), org.ID)
	if err != nil {
		return err
	}
	h := "Les actions d'amélioration de " + org.Name
	v := actionsView{Page: s.page(r, h), Heading: h, Actions: list, Back: "/organismes/" + org.Slug, BackLabel: "Revenir à " + org.Name,
		Followed: r.URL.Query().Get("suivi"), Intro: "Les actions décidées à partir de ce que disent les usagers et les agents, avec leur avancement."}
	return s.render(w, http.StatusOK, "listening-actions", v)
}

// actionPage sends the link of the e-mails to the action on its board.
func (s *Server) actionPage(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "")
	}
	orgID, err := s.Listening.ActionOrg(r.Context(), id)
	if err != nil {
		return err
	}
	org, err := s.Identity.OrganisationByID(r.Context(), orgID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/organismes/%s/actions#action-%d", org.Slug, id), http.StatusSeeOther)
	return nil
}

func (s *Server) followAction(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "")
	}
	f := newForm(r)
	err = s.Listening.Follow(r.Context(), id, f.Get("email"), s.clientIP(r))
	if errs.Is(err, errs.Invalid) {
		err = errs.E(errs.Invalid, "L'adresse e-mail n'est pas valide. Revenez en arrière et écrivez-la sous la forme marie.dupont@exemple.fr.")
	}
	if err != nil {
		return err
	}
	orgID, err := s.Listening.ActionOrg(r.Context(), id)
	if err != nil {
		return err
	}
	org, err := s.Identity.OrganisationByID(r.Context(), orgID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/organismes/%s/actions?suivi=%d#action-%d", org.Slug, id, id), http.StatusSeeOther)
	return nil
}

// staffActionsView is where an organisation's staff create actions and move them on.
type staffActionsView struct {
	Page
	Org        string
	Actions    []*listening.Action
	Statuses   []faceChoice
	Indicators []faceChoice
	Form       *Form
	FormFor    int64
	Done       bool
}

func (s *Server) staffActionsPage(w http.ResponseWriter, r *http.Request) error {
	f := emptyForm()
	f.Values.Set("source", r.URL.Query().Get("source"))
	f.Values.Set("procedure", r.URL.Query().Get("demarche"))
	return s.renderStaffActions(w, r, http.StatusOK, f, 0)
}

func (s *Server) renderStaffActions(w http.ResponseWriter, r *http.Request, status int, f *Form, formFor int64) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Listening.OrgActions(r.Context(), org.ID)
	if err != nil {
		return err
	}
	// Each organisation's page has its own title.
	title := "Actions d'amélioration " + orgWords(org.Name).Of
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := staffActionsView{Page: s.page(r, title), Org: org.Slug, Actions: flatten(list), Form: f, FormFor: formFor,
		Done: r.URL.Query().Get("fait") == "1"}
	for _, st := range listening.ActionStatuses() {
		v.Statuses = append(v.Statuses, faceChoice{Value: string(st), Label: st.Label()})
	}
	for _, i := range listening.Indicators {
		v.Indicators = append(v.Indicators, faceChoice{Value: i.Code, Label: i.Label})
	}
	return s.render(w, status, "listening-staff-actions", v)
}

// flatten lists a board's actions parents first, for the staff's forms.
func flatten(list []*listening.Action) []*listening.Action {
	var out []*listening.Action
	for _, a := range list {
		out = append(out, a)
		out = append(out, flatten(a.Children)...)
	}
	return out
}

// parseSource reads "idee-12" or "experience-3" into a proposal.
func parseSource(v string) (listening.Source, bool) {
	kind, id, ok := strings.Cut(v, "-")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return listening.Source{}, false
	}
	switch kind {
	case "idee", "experience", "avis", "verbatim":
		return listening.Source{Kind: kind, ID: n}, true
	}
	return listening.Source{}, false
}

func (s *Server) createAction(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	f := newForm(r)
	p := listening.Plan{OrgID: org.ID, Procedure: f.Get("procedure"), OwnerID: currentUser(r).ID, Title: f.Get("title"),
		Description: f.Get("description"), Indicator: f.Get("indicator")}
	if v := f.Get("parent"); v != "" {
		p.ParentID, _ = strconv.ParseInt(v, 10, 64)
	}
	if v := f.Get("weight"); v != "" {
		if p.Weight, err = strconv.Atoi(v); err != nil || p.Weight < 1 {
			f.Fail("weight", "Le poids est un nombre de 1 à 100.")
		}
	}
	for _, v := range strings.Fields(strings.ReplaceAll(f.Get("source"), ",", " ")) {
		src, ok := parseSource(v)
		if !ok {
			f.Fail("source", "Écrivez les propositions sous la forme idee-12 ou experience-3, séparées par des espaces.")
			break
		}
		p.Sources = append(p.Sources, src)
	}
	if !f.Valid() {
		return s.renderStaffActions(w, r, http.StatusUnprocessableEntity, f, 0)
	}
	m := s.moderator(r, org.ID)
	m.MayAnswer = mayTurnIdea(currentUser(r), org.ID)
	_, err = s.Listening.CreateAction(r.Context(), p, m)
	if f.FailWith(err) {
		return s.renderStaffActions(w, r, http.StatusUnprocessableEntity, f, 0)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/espace/"+org.Slug+"/actions?fait=1", http.StatusSeeOther)
	return nil
}

// actionChange handles a status change ("etat") or a new milestone ("jalon").
func (s *Server) actionChange(what string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return errs.E(errs.NotFound, "")
		}
		org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
		if err != nil {
			return err
		}
		m := listening.Moderator{UserID: currentUser(r).ID, OrgID: org.ID, IP: s.clientIP(r)}
		f := newForm(r)
		if what == "etat" {
			progress, perr := strconv.Atoi(f.Get("progress"))
			if perr != nil {
				progress = -1
			}
			err = s.Listening.SetStatus(r.Context(), id, listening.ActionStatus(f.Get("status")), f.Get("reason"), progress, m)
		} else {
			due, _ := time.ParseInLocation("2006-01-02", f.Get("due"), paris)
			err = s.Listening.AddMilestone(r.Context(), id, f.Get("milestone"), due, m)
		}
		if f.FailWith(err) {
			return s.renderStaffActions(w, r, http.StatusUnprocessableEntity, f, id)
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/espace/%s/actions?fait=1#action-%d", org.Slug, id), http.StatusSeeOther)
		return nil
	}
}

// followingView is the page a follower's link opens: it asks to confirm (or
// to stop) with a button, so that a mail scanner opening the link changes
// nothing; then says it is done.
type followingView struct {
	Page
	F         listening.Following
	Stop      bool
	Done      bool
	ActionURL string
}

func (s *Server) followingPage(w http.ResponseWriter, r *http.Request) error {
	what := r.PathValue("what")
	if what != "confirmer" && what != "arreter" {
		return errs.E(errs.NotFound, "")
	}
	f, err := s.Listening.FollowingByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return s.renderFollowing(w, r, f, what == "arreter", false)
}

func (s *Server) followingChange(w http.ResponseWriter, r *http.Request) error {
	var f listening.Following
	var err error
	switch r.PathValue("what") {
	case "confirmer":
		f, err = s.Listening.ConfirmFollowing(r.Context(), r.PathValue("token"))
	case "arreter":
		f, err = s.Listening.StopFollowing(r.Context(), r.PathValue("token"))
	default:
		return errs.E(errs.NotFound, "")
	}
	if err != nil {
		return err
	}
	return s.renderFollowing(w, r, f, r.PathValue("what") == "arreter", true)
}

func (s *Server) renderFollowing(w http.ResponseWriter, r *http.Request, f listening.Following, stop, done bool) error {
	var title string
	switch {
	case stop && done:
		title = "Vous ne suivez plus l'action « " + f.ActionTitle + " »"
	case stop:
		title = "Ne plus suivre l'action « " + f.ActionTitle + " »"
	case done:
		title = "Vous suivez l'action « " + f.ActionTitle + " »"
	default:
		title = "Confirmer le suivi de l'action « " + f.ActionTitle + " »"
	}
	v := followingView{Page: s.page(r, title), F: f, Stop: stop, Done: done, ActionURL: fmt.Sprintf("/actions/%d", f.ActionID)}
	return s.render(w, http.StatusOK, "listening-following", v)
}
