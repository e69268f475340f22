package web

import (
	"net/http"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/readability"
)

// ownerScope is the organisation a procedure owner acts for on a page under /espace/{org}.
type ownerScope struct {
	Editor           catalogue.Editor
	OrgSlug, OrgName string
}

// ownerOf returns the organisation of the {org} path value as a procedure owner of it. The
// route's access rule already checked the membership; this finds its ids.
func ownerOf(r *http.Request) (ownerScope, error) {
	u, org := currentUser(r), r.PathValue("org")
	for _, m := range u.Memberships {
		if m.Role == identity.RoleProcedureOwner && m.OrgSlug == org {
			return ownerScope{catalogue.Editor{UserID: u.ID, OrgID: m.OrgID}, m.OrgSlug, m.OrgName}, nil
		}
	}
	return ownerScope{}, errs.E(errs.Forbidden, "Votre compte ne permet pas de modifier les démarches de cette organisation.")
}

// listURL and editURL are the owners' addresses of the catalogue.
func (o ownerScope) listURL() string { return "/espace/" + o.OrgSlug + "/demarches" }
func (o ownerScope) editURL(slug string) string {
	return o.listURL() + "/" + slug
}

// staffRow is a line of the owners' list.
type staffRow struct {
	Title, EditURL, Status string
	// FeedbackURL leads to the people's feedback, once the procedure is published.
	FeedbackURL   string
	Summary, FALC scoreCell
	UpdatedAt     time.Time
}

// scoreCell is a readability score in a table.
type scoreCell struct {
	Score int
	Label string
	Low   bool
}

func scoreOf(score float64) scoreCell {
	return scoreCell{Score: int(score + 0.5), Label: readability.Label(score), Low: score < minReadableScore}
}

func (s *Server) staffProcedures(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	list, err := s.Catalogue.OrgProcedures(r.Context(), o.Editor.OrgID)
	if err != nil {
		return err
	}
	v := struct {
		Page
		OrgName, NewURL string
		ObservatoryURL  string
		Rows            []staffRow
	}{Page: s.page(r, "Démarches "+orgWords(o.OrgName).Of), OrgName: o.OrgName, NewURL: o.listURL() + "/nouvelle",
		ObservatoryURL: "/espace/" + o.OrgSlug + "/observatoire"}
	for _, p := range list {
		v.Rows = append(v.Rows, staffRow{Title: p.Title, EditURL: o.editURL(p.Slug), Status: p.Status().Label(),
			Summary: scoreOf(p.SummaryScore), FALC: scoreOf(p.FALCScore), UpdatedAt: p.UpdatedAt})
		if p.PublishedRevision > 0 {
			v.Rows[len(v.Rows)-1].FeedbackURL = o.editURL(p.Slug) + "/avis"
		}
	}
	return s.render(w, http.StatusOK, "catalogue-staff-list", v)
}
