package api

import (
	"net/http"
	"time"

	"guichet/internal/errs"
	"guichet/internal/listening"
)

// The public side of Écoute as open data: the published experiences of a
// procedure with the administration's replies, and the boards of actions.
// Nothing here is unpublished, and no author's e-mail or agent's idea is
// ever part of it.

// experienceJSON is a published experience.
type experienceJSON struct {
	ID           int64       `json:"id"`
	Title        string      `json:"title"`
	Body         string      `json:"body"`
	Name         string      `json:"name,omitempty"`
	ToldAt       time.Time   `json:"told_at"`
	FirstReplyAt *time.Time  `json:"first_reply_at"`
	Replies      []replyJSON `json:"replies"`
}

type replyJSON struct {
	Body string    `json:"body"`
	At   time.Time `json:"at"`
}

// procedureExperiences answers GET /api/v1/procedures/{slug}/experiences.
func (s *Server) procedureExperiences(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return errs.E(errs.NotFound, "Aucune démarche publiée n'a cette adresse.")
	}
	list, err := s.Listening.PublishedExperiences(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	out := struct {
		Procedure   string           `json:"procedure"`
		Experiences []experienceJSON `json:"experiences"`
	}{Procedure: p.Slug, Experiences: []experienceJSON{}}
	for _, e := range list {
		ej := experienceJSON{ID: e.ID, Title: e.Title, Body: e.Body, Name: e.Name, ToldAt: e.CreatedAt.UTC(), Replies: []replyJSON{}}
		if !e.FirstReplyAt.IsZero() {
			at := e.FirstReplyAt.UTC()
			ej.FirstReplyAt = &at
		}
		for _, rp := range e.Replies {
			ej.Replies = append(ej.Replies, replyJSON{Body: rp.Body, At: rp.CreatedAt.UTC()})
		}
		out.Experiences = append(out.Experiences, ej)
	}
	return writeJSON(w, http.StatusOK, out)
}

// actionJSON is an action of a public board, its children nested.
type actionJSON struct {
	ID            int64           `json:"id"`
	Procedure     string          `json:"procedure,omitempty"`
	Title         string          `json:"title"`
	Description   string          `json:"description"`
	Status        string          `json:"status"`
	StatusLabel   string          `json:"status_label"`
	AbandonReason string          `json:"abandon_reason,omitempty"`
	Progress      int             `json:"progress"`
	Weight        int             `json:"weight"`
	Indicator     string          `json:"indicator,omitempty"`
	Proposals     int             `json:"proposals"`
	UpdatedAt     time.Time       `json:"updated_at"`
	Milestones    []milestoneJSON `json:"milestones"`
	Children      []actionJSON    `json:"children"`
}

type milestoneJSON struct {
	Title string `json:"title"`
	Due   string `json:"due"`
}

func actionsJSON(list []*listening.Action) []actionJSON {
	out := []actionJSON{}
	for _, a := range list {
		aj := actionJSON{ID: a.ID, Procedure: a.Procedure, Title: a.Title, Description: a.Description, Status: string(a.Status),
			StatusLabel: a.Status.Label(), AbandonReason: a.AbandonReason, Progress: a.Progress, Weight: a.Weight,
			Indicator: a.Indicator, Proposals: len(a.Sources), UpdatedAt: a.UpdatedAt.UTC(), Milestones: []milestoneJSON{},
			Children: actionsJSON(a.Children)}
		for _, m := range a.Milestones {
			aj.Milestones = append(aj.Milestones, milestoneJSON{Title: m.Title, Due: m.Due.UTC().Format(time.DateOnly)})
		}
		out = append(out, aj)
	}
	return out
}

// procedureActions answers GET /api/v1/procedures/{slug}/actions.
func (s *Server) procedureActions(w http.ResponseWriter, r *http.Request) error {
	sn, err := s.catalogueSnapshot(r)
	if err != nil {
		return err
	}
	p, ok := sn.Procedure(r.PathValue("slug"))
	if !ok {
		return errs.E(errs.NotFound, "Aucune démarche publiée n'a cette adresse.")
	}
	list, err := s.Listening.ProcedureActions(r.Context(), p.Org.ID, p.Slug)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"administration": p.Org.Slug, "procedure": p.Slug, "actions": actionsJSON(list)})
}

// organisationActions answers GET /api/v1/organisations/{slug}/actions.
func (s *Server) organisationActions(w http.ResponseWriter, r *http.Request) error {
	org, err := s.Identity.OrganisationBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return errs.E(errs.NotFound, "Aucune organisation n'a cette adresse.")
	}
	list, err := s.Listening.OrgActions(r.Context(), org.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"administration": org.Slug, "actions": actionsJSON(list)})
}
