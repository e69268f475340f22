package web

import (
	"net/http"
	"time"

	"guichet/internal/observatory"
)

// observatoryOwnerView is the model of an owner's view of their
// procedures in the observatory.
type observatoryOwnerView struct {
	Page
	OrgName    string
	ListURL    string
	Edition    string
	ComputedAt string
	Keys       []obsKey
	Rows       []obsOwnerRow
	Alerts     []obsAlert
	Notes      []obsNote
}

// obsOwnerRow is one of the owner's procedures: its indicators and where
// to declare what Guichet cannot know.
type obsOwnerRow struct {
	obsRow
	DeclareURL string
}

// obsNote is an owner's note on a procedure for the edition.
type obsNote struct {
	Title, Text, DeclareURL string
}

// observatoryOwnerPage shows a procedure owner every published procedure
// of their organisation × the indicators of the current edition, with the
// arrows since the edition before, the alerts in progress on them, and
// their own notes, which no public page shows.
func (s *Server) observatoryOwnerPage(w http.ResponseWriter, r *http.Request) error {
	o, err := ownerOf(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ed := s.Observatory.Current()
	b, err := s.Observatory.Board(ctx, ed)
	if err != nil {
		return err
	}
	prev := map[string]map[observatory.Key]observatory.Value{}
	if pb, err := s.Observatory.Board(ctx, ed.Prev()); err == nil {
		for _, row := range pb.Rows {
			prev[row.Slug] = row.Values
		}
	}
	decls, err := s.Observatory.Declarations(ctx, ed)
	if err != nil {
		return err
	}
	v := &observatoryOwnerView{Page: s.page(r, "Indicateurs de vos démarches – "+o.OrgName), OrgName: o.OrgName,
		ListURL: o.listURL(), Edition: ed.Label(), ComputedAt: frenchDateTime(b.ComputedAt), Keys: obsKeys()}
	mine := map[string]bool{}
	for _, row := range b.Rows {
		if row.OrgID != o.Editor.OrgID {
			continue
		}
		mine[row.Slug] = true
		or := obsOwnerRow{obsRow: obsRow{Title: row.Title, URL: "/observatoire/" + row.Slug, Administration: row.Administration},
			DeclareURL: o.editURL(row.Slug) + "/observatoire"}
		for _, k := range observatory.Keys() {
			or.Cells = append(or.Cells, obsCellOf(row.Values, prev[row.Slug], k))
		}
		v.Rows = append(v.Rows, or)
		if d := decls[row.Slug]; d != nil && d.Note != "" {
			v.Notes = append(v.Notes, obsNote{Title: row.Title, Text: d.Note, DeclareURL: or.DeclareURL})
		}
	}
	alerts, err := s.Observatory.Alerts(ctx, s.Now().Add(-time.Hour))
	if err != nil {
		return err
	}
	for _, a := range alerts {
		if a.ClearedAt == nil && mine[a.Procedure] {
			v.Alerts = append(v.Alerts, obsAlert{Title: a.Title, URL: "/observatoire/" + a.Procedure, Detail: a.Detail,
				Raised: frenchDateTime(a.RaisedAt)})
		}
	}
	return s.render(w, http.StatusOK, "observatory-owner", v)
}
