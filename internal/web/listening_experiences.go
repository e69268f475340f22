package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"guichet/internal/errs"
	"guichet/internal/listening"
)

// experiencesView is the public page of a procedure's experiences: those
// published, with the administration's replies, and the form to tell one.
type experiencesView struct {
	Page
	ProcedureTitle, ProcedureURL, Action, OrgURL, OrgName string
	Experiences                                           []listening.Experience
	Form                                                  *Form
	Sent                                                  bool
}

// experiencesPage serves /demarches/{slug}/experiences (through procedurePart).
func (s *Server) experiencesPage(w http.ResponseWriter, r *http.Request) error {
	f := emptyForm()
	return s.renderExperiences(w, r, http.StatusOK, f, r.URL.Query().Get("envoye") == "1")
}

func (s *Server) renderExperiences(w http.ResponseWriter, r *http.Request, status int, f *Form, sent bool) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	list, err := s.Listening.PublishedExperiences(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	title := "Expériences des usagers : « " + p.Title + " »"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	url := "/demarches/" + p.Slug
	v := experiencesView{Page: s.page(r, title), ProcedureTitle: p.Title, ProcedureURL: url, Action: url + "/experiences",
		OrgURL: "/organismes/" + p.Org.Slug, OrgName: p.Org.Name, Experiences: list, Form: f, Sent: sent}
	return s.render(w, status, "listening-experiences", v)
}

func (s *Server) tellExperience(w http.ResponseWriter, r *http.Request) error {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	_, err = s.Listening.Tell(r.Context(), listening.Story{Procedure: p.Slug, Title: f.Get("title"), Body: f.Get("body"),
		Name: f.Get("name"), Email: f.Get("email")}, p.Org.ID, s.clientIP(r))
	if errs.Is(err, errs.TooMany) {
		v := struct {
			Page
			Message, ProcedureURL string
		}{s.page(r, "Merci, vos avis sont déjà enregistrés"), errs.MessageOf(listening.ErrTooMany), "/demarches/" + p.Slug}
		return s.render(w, http.StatusTooManyRequests, "listening-limit", v)
	}
	if f.FailWith(err) {
		return s.renderExperiences(w, r, http.StatusUnprocessableEntity, f, false)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/demarches/"+p.Slug+"/experiences?envoye=1#envoye", http.StatusSeeOther)
	return nil
}

// administrationPage is an administration's public page: how it answers
// the experiences told about its procedures.
func (s *Server) administrationPage(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	st, err := s.Listening.OrgReplyStats(r.Context(), org.ID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Name, Slug    string
		Stats         listening.ReplyStats
		Median, Share string
	}{Page: s.page(r, org.Name), Name: org.Name, Slug: org.Slug, Stats: st, Median: humanDuration(st.Median),
		Share: fmt.Sprintf("%.0f %%", 100*st.Share())}
	return s.render(w, http.StatusOK, "listening-administration", v)
}

// humanDuration says a time to reply in plain French, to the hour or the day.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Hour:
		return "moins d'une heure"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "heure", "heures")
	default:
		return plural(int(d/(24*time.Hour)), "jour", "jours")
	}
}

// moderationView is the staff page where an organisation moderates the
// experiences told about its procedures and answers them publicly.
type moderationView struct {
	Page
	Org         string
	Pending     []listening.Experience
	Published   []listening.Experience
	Form        *Form
	FormFor     int64
	Done        string
	Stats       listening.ReplyStats
	Median, Pct string
}

func (s *Server) moderationPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderModeration(w, r, http.StatusOK, emptyForm(), 0)
}

func (s *Server) renderModeration(w http.ResponseWriter, r *http.Request, status int, f *Form, formFor int64) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("org"))
	if err != nil {
		return err
	}
	list, err := s.Listening.OrgExperiences(r.Context(), org.ID)
	if err != nil {
		return err
	}
	st, err := s.Listening.OrgReplyStats(r.Context(), org.ID)
	if err != nil {
		return err
	}
	title := "Expériences des usagers à modérer et à répondre"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	v := moderationView{Page: s.page(r, title), Org: org.Slug, Form: f, FormFor: formFor, Done: r.URL.Query().Get("fait"),
		Stats: st, Median: humanDuration(st.Median), Pct: fmt.Sprintf("%.0f %%", 100*st.Share())}
	for _, e := range list {
		if e.Status == listening.Pending {
			v.Pending = append(v.Pending, e)
		} else {
			v.Published = append(v.Published, e)
		}
	}
	return s.render(w, status, "listening-moderation", v)
}

// moderate handles the three actions of the moderation page.
func (s *Server) moderate(action string) handlerFunc {
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
		switch action {
		case "publiee":
			err = s.Listening.Publish(r.Context(), id, m)
		case "refusee":
			err = s.Listening.Refuse(r.Context(), id, f.Get("reason"), m)
		default:
			err = s.Listening.Reply(r.Context(), id, f.Get("reply"), m)
		}
		if f.FailWith(err) {
			return s.renderModeration(w, r, http.StatusUnprocessableEntity, f, id)
		}
		if err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/espace/%s/experiences?fait=%s#experience-%d", org.Slug, action, id), http.StatusSeeOther)
		return nil
	}
}
