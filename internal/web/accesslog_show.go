package web

import (
	"context"
	"net/http"

	"guichet/internal/accesslog"
)

// accessRow is one line of « Qui a utilisé mes données ».
type accessRow struct {
	accesslog.Entry
	Org   string
	Actor string
}

// accessLogPage is /compte/acces: who used the person's data, newest first.
func (s *Server) accessLogPage(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	entries, err := s.AccessLog.OfPerson(r.Context(), u.ID, 200)
	if err != nil {
		return err
	}
	v := struct {
		Page
		Rows []accessRow
	}{s.page(r, "Qui a utilisé mes données"), s.accessRows(r.Context(), entries)}
	return s.render(w, http.StatusOK, "accesslog-show", v)
}

// accessRows names the organisations and agents of entries, each looked
// up once.
func (s *Server) accessRows(ctx context.Context, entries []accesslog.Entry) []accessRow {
	orgs, people := map[int64]string{}, map[int64]string{}
	rows := make([]accessRow, 0, len(entries))
	for _, e := range entries {
		org, ok := orgs[e.OrgID]
		if !ok {
			org = "Guichet"
			if o, err := s.Identity.OrganisationByID(ctx, e.OrgID); err == nil {
				org = o.Name
			}
			orgs[e.OrgID] = org
		}
		actor := e.ActorName
		if e.ActorID != 0 {
			name, ok := people[e.ActorID]
			if !ok {
				if u, err := s.Identity.UserByID(ctx, e.ActorID); err == nil {
					name = u.Name
				}
				people[e.ActorID] = name
			}
			actor = name
		}
		switch e.ActorKind {
		case accesslog.ByAgent:
			actor = "Agent : " + actor
		case accesslog.ByMediator:
			actor = "Médiateur : " + actor
		case accesslog.ByToken:
			actor = "Système informatique de l'organisme" + suffix(actor)
		case accesslog.ByConnector:
			actor = "Échange de données" + suffix(actor)
		default:
			actor = "Guichet" + suffix(actor)
		}
		rows = append(rows, accessRow{Entry: e, Org: org, Actor: actor})
	}
	return rows
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
