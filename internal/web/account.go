package web

import (
	"fmt"
	"net/http"
	"time"

	"guichet/internal/identity"
)

type accountView struct {
	Page
	Sessions  []identity.Session
	CurrentID string
	Events    []eventView
	Pivots    []pivotView
}

// pivotView is an identity a provider vouched for, shown read-only.
type pivotView struct {
	identity.Pivot
	Provider string
	Born     string // the birth date in words, « 12 avril 1990 »
}

// bornOn writes a YYYY-MM-DD birth date in words; anything else as given.
func bornOn(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return fmt.Sprintf("%d %s %d", t.Day(), frenchMonths[t.Month()-1], t.Year())
}

func pivotViews(ps []identity.Pivot) []pivotView {
	out := make([]pivotView, len(ps))
	for i, p := range ps {
		name := identity.Profiles[p.Profile].Name
		if name == "" {
			name = "votre fournisseur d'identité"
		}
		out[i] = pivotView{Pivot: p, Provider: name, Born: bornOn(p.Birthdate)}
	}
	return out
}

type eventView struct {
	identity.Event
	Label string
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	sessions, err := s.Identity.Sessions(r.Context(), u.ID)
	if err != nil {
		return err
	}
	events, err := s.Identity.AuditEvents(r.Context(), u.ID, 20)
	if err != nil {
		return err
	}
	pivots, err := s.Identity.Pivots(r.Context(), u.ID)
	if err != nil {
		return err
	}
	v := accountView{Page: s.page(r, "Mon compte"), Sessions: sessions, CurrentID: currentSession(r).ID,
		Events: labelEvents(events), Pivots: pivotViews(pivots)}
	return s.render(w, http.StatusOK, "account", v)
}

func (s *Server) closeSession(w http.ResponseWriter, r *http.Request) error {
	if err := s.Identity.DeleteSessionByID(r.Context(), currentUser(r).ID, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/compte", http.StatusSeeOther)
	return nil
}

func labelEvents(events []identity.Event) []eventView {
	out := make([]eventView, len(events))
	for i, e := range events {
		out[i] = eventView{Event: e, Label: identity.EventLabel(e.Event)}
	}
	return out
}
