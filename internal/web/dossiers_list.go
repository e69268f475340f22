package web

import (
	"net/http"
	"time"

	"guichet/internal/mediation"
)

// dossierItem is one line of "Mes démarches".
type dossierItem struct {
	URL, Title, Reference, State, StateClass string
	UpdatedAt, SubmittedAt, ExpiresAt        time.Time
	Draft                                    bool
}

// dossiersList is "Mes démarches": the person's drafts, then their sent
// dossiers, each with its state in plain words.
func (s *Server) dossiersList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	list, err := s.Dossiers.List(ctx, ownerID(r), 0)
	if err != nil {
		return err
	}
	sn, err := s.Catalogue.Snapshot(ctx)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Drafts, Sent []dossierItem
	}{Page: s.page(r, "Mes démarches")}
	if a := actingOf(r); a != nil {
		v.Title = "Les démarches de " + a.M.PersonName
	}
	if r.URL.Query().Get("supprime") == "1" {
		v.Notice = "Votre brouillon est supprimé."
	}
	for _, d := range list {
		if a := actingOf(r); a != nil {
			// A mediator acting for the person sees only what their mandate covers.
			if p, ok := sn.Procedure(d.Procedure); !ok || !a.M.Covers(mediation.Category(p.Category)) {
				continue
			}
		}
		it := dossierItem{URL: dossierURL(d.ID), Title: d.Procedure, Reference: d.ShownReference(), State: d.Label(),
			StateClass: stateClass(d.Label()), UpdatedAt: d.UpdatedAt, SubmittedAt: d.SubmittedAt, ExpiresAt: d.ExpiresAt,
			Draft: d.SubmittedAt.IsZero()}
		if p, ok := sn.Procedure(d.Procedure); ok {
			it.Title = p.Title
		}
		if it.Draft {
			v.Drafts = append(v.Drafts, it)
		} else {
			v.Sent = append(v.Sent, it)
		}
	}
	return s.render(w, http.StatusOK, "dossiers-list", v)
}
