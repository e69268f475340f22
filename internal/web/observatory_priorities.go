package web

import (
	"net/http"
	"strconv"
	"strings"

	"guichet/internal/observatory"
)

// observatoryPrioritiesView is the model of the priorities page.
type observatoryPrioritiesView struct {
	Page
	Edition string
	Rule    string
	Rows    []obsPriority
}

// obsPriority is a ranked procedure in words.
type obsPriority struct {
	Rank                    int
	Title, URL, Admin       string
	Volume, Distance, Score int64
	Reds, Yellows           string
	// Actions are those studied or under way about the procedure.
	Actions []obsAction
}

// obsAction is an action of the listening issue in words.
type obsAction struct {
	Title, URL, Status string
	Progress           int
}

// observatoryPrioritiesPage ranks the procedures of an edition by yearly
// volume × distance to green, with its rule.
func (s *Server) observatoryPrioritiesPage(w http.ResponseWriter, r *http.Request) error {
	ed, err := s.observatoryEdition(r)
	if err != nil {
		return err
	}
	b, err := s.Observatory.Board(r.Context(), ed)
	if err != nil {
		return err
	}
	v := &observatoryPrioritiesView{Page: s.page(r, "Démarches à améliorer en premier – "+ed.Label()), Edition: ed.Label(),
		Rule: observatory.PriorityRule}
	labels := func(ks []observatory.Key) string {
		var out []string
		for _, k := range ks {
			out = append(out, k.Label())
		}
		return strings.Join(out, ", ")
	}
	actions, err := s.Listening.ActionsUnderWay(r.Context())
	if err != nil {
		return err
	}
	for i, p := range b.Priorities() {
		row := obsPriority{Rank: i + 1, Title: p.Title, URL: "/observatoire/" + p.Slug, Admin: p.Administration,
			Volume: p.Volume, Distance: int64(p.Distance), Score: p.Score, Reds: labels(p.Reds), Yellows: labels(p.Yellows)}
		for _, a := range actions[p.Slug] {
			// Only the procedure's own administration acts on it.
			if a.OrgID == p.OrgID {
				row.Actions = append(row.Actions, obsAction{Title: a.Title, URL: "/actions/" + strconv.FormatInt(a.ID, 10),
					Status: a.Status.Label(), Progress: a.Progress})
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return s.render(w, http.StatusOK, "observatory-priorities", v)
}
