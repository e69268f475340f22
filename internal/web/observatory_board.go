package web

import (
	"net/http"
	"slices"
	"strings"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/observatory"
)

// observatoryView is the model of /observatoire.
type observatoryView struct {
	Page
	Edition         string
	Frozen          bool
	ComputedAt      string
	Editions        []option
	Administrations []option
	Categories      []option
	Keys            []obsKey
	Rows            []obsRow
	Total           int
	Data            obsDataLinks
	Helped          obsCell
}

// obsRow is a procedure's line of the table.
type obsRow struct {
	Title, URL, Administration string
	Cells                      []obsCell
}

// observatoryEdition reads ?edition=, the current edition when absent.
func (s *Server) observatoryEdition(r *http.Request) (observatory.Edition, error) {
	q := r.URL.Query().Get("edition")
	if q == "" {
		return s.Observatory.Current(), nil
	}
	ed, err := observatory.ParseEdition(q)
	if err != nil {
		return ed, errs.E(errs.NotFound, errs.MessageOf(err))
	}
	return ed, nil
}

// observatoryPage shows every procedure × the national indicators of an
// edition, filtered by administration and category, with the change since
// the edition before.
func (s *Server) observatoryPage(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.observatoryEdition(r)
	if err != nil {
		return err
	}
	b, err := s.Observatory.Board(r.Context(), ed)
	if err != nil {
		return err
	}
	prev := map[string]map[observatory.Key]observatory.Value{}
	if pb, err := s.Observatory.Board(r.Context(), ed.Prev()); err == nil {
		for _, row := range pb.Rows {
			prev[row.Slug] = row.Values
		}
	} else if !errs.Is(err, errs.NotFound) {
		return err
	}
	admin, category := r.URL.Query().Get("administration"), r.URL.Query().Get("categorie")
	v := &observatoryView{Page: s.page(r, "Observatoire des démarches – "+ed.Label()), Edition: ed.Label(), Frozen: b.Frozen,
		ComputedAt: frenchDateTime(b.ComputedAt), Keys: obsKeys(), Data: obsLinks(ed),
		Helped: obsCellOf(b.Platform, nil, observatory.AideMediateur)}
	eds, err := s.Observatory.Editions(r.Context())
	if err != nil {
		return err
	}
	for _, e := range eds {
		v.Editions = append(v.Editions, option{e.Edition.String(), e.Edition.Label(), e.Edition == ed})
	}
	v.Administrations = append(v.Administrations, option{"", "Toutes", admin == ""})
	seen := map[string]bool{}
	for _, row := range b.Rows {
		if !seen[row.AdministrationSlug] {
			seen[row.AdministrationSlug] = true
			v.Administrations = append(v.Administrations, option{row.AdministrationSlug, row.Administration, admin == row.AdministrationSlug})
		}
	}
	slices.SortFunc(v.Administrations[1:], func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	v.Categories = append(v.Categories, option{"", "Toutes", category == ""})
	for _, c := range catalogue.Categories() {
		v.Categories = append(v.Categories, option{c.Slug, c.Label, category == c.Slug})
	}
	v.Total = len(b.Rows)
	for _, row := range b.Rows {
		if (admin != "" && row.AdministrationSlug != admin) || (category != "" && row.Category != category) {
			continue
		}
		or := obsRow{Title: row.Title, URL: "/observatoire/" + row.Slug, Administration: row.Administration}
		for _, k := range observatory.Keys() {
			or.Cells = append(or.Cells, obsCellOf(row.Values, prev[row.Slug], k))
		}
		v.Rows = append(v.Rows, or)
	}
	return s.render(w, http.StatusOK, "observatory-board", v)
}
