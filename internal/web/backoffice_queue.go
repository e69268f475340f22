package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/dossiers"
	"guichet/internal/identity"
)

// OldAfter is the age from which a dossier of the queue is marked old.
const OldAfter = 30 * 24 * time.Hour

// queueStates are the states an agent filters on, in the order of the work.
var queueStates = []dossiers.State{dossiers.InConstruction, dossiers.InInstruction,
	dossiers.Accepted, dossiers.Refused, dossiers.Closed}

// decisions are the states a decision moves a dossier to.
var decisions = []dossiers.State{dossiers.Accepted, dossiers.Refused, dossiers.Closed}

// filterNames are the query parameters of the queue's filter, in the
// order of its form.
var filterNames = []string{"q", "demarche", "etat", "attribue", "attente", "retard", "du", "au", "tri"}

// queueRow is a dossier of the queue as the page shows it.
type queueRow struct {
	backoffice.Row
	URL, Title string
	AgeDays    int
	Old        bool
	Choice     string // the value of its check box: id.version
	Checked    bool
}

// stateCount is a state with its number of dossiers.
type stateCount struct {
	State    dossiers.State
	Label    string
	Count    backoffice.Count
	Selected bool
}

// queueView is the model of the queue page.
type queueView struct {
	Page
	Form        *Form
	Action      string
	Procedures  []procChoice
	States      []stateCount
	Decisions   []stateCount
	Total       backoffice.Count
	TotalWords  string // "1 dossier", "Plus de 1 000 dossiers"
	Rows        []queueRow
	Prev, Next  string
	PageNumber  int
	NoProcedure bool
	Newest      bool
	Filter      []hiddenField // the filter, carried by the bulk form
	Colleagues  []backoffice.Colleague
	MaxBulk     int
	ExportCSV   string
	ExportJSON  string
}

// procChoice is a procedure of the agent's filter.
type procChoice struct {
	Slug, Title string
	Selected    bool
}

// queueFilter reads the filter from the address, recording every wrong
// value on f at once.
func queueFilter(q url.Values, f *Form) backoffice.Filter {
	out := backoffice.Filter{Procedure: q.Get("demarche"), State: dossiers.State(q.Get("etat")),
		Waiting: q.Get("attente") == "oui", Late: q.Get("retard") == "oui", Newest: q.Get("tri") == "recents", Assigned: q.Get("attribue"), Search: q.Get("q")}
	out.Page, _ = strconv.Atoi(q.Get("page"))
	for _, b := range []struct {
		name  string
		into  *time.Time
		label string
		next  bool
	}{{"du", &out.From, "Reçus à partir du", false}, {"au", &out.To, "Reçus jusqu'au", true}} {
		raw := strings.TrimSpace(q.Get(b.name))
		if raw == "" {
			continue
		}
		t, err := time.ParseInLocation("02/01/2006", raw, time.Local)
		if err != nil { // the page asks for 31/12/2026; 2026-12-31 also reads
			t, err = time.ParseInLocation("2006-01-02", raw, time.Local)
		}
		if err != nil {
			f.Fail(b.name, "« "+b.label+" » : écrivez une date comme 31/12/2026.")
			continue
		}
		if b.next { // "until the 31st" includes the whole day
			t = t.AddDate(0, 0, 1)
		}
		*b.into = t
	}
	if !out.From.IsZero() && !out.To.IsZero() && !out.From.Before(out.To) {
		f.Fail("au", "« Reçus jusqu'au » doit venir après « Reçus à partir du ».")
	}
	return out
}

// filterQuery keeps the filter's parameters of q (not the page).
func filterQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, n := range filterNames {
		if v := q.Get(n); v != "" {
			out.Set(n, v)
		}
	}
	return out
}

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	f := &Form{Values: r.URL.Query()}
	v, err := s.queueView(r, o, f, nil)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return s.render(w, status, "backoffice-queue", v)
}

// queueView builds the queue page from the filter in f.Values; checked
// are the dossiers whose box stays ticked (a bulk form sent back).
func (s *Server) queueView(r *http.Request, o orgScope, f *Form, checked map[int64]bool) (*queueView, error) {
	ctx := r.Context()
	filter := queueFilter(f.Values, f)
	v := &queueView{Page: s.page(r, "Dossiers à traiter"), Form: f, Action: "/espace/" + o.OrgSlug + "/dossiers",
		MaxBulk: backoffice.MaxBulk}
	slugs, err := s.Backoffice.Procedures(ctx, o.OrgID, o.UserID)
	if err != nil {
		return nil, err
	}
	titles, err := s.procedureTitles(r, o.OrgID)
	if err != nil {
		return nil, err
	}
	for _, slug := range slugs {
		v.Procedures = append(v.Procedures, procChoice{slug, titles[slug], slug == filter.Procedure})
		team, err := s.Backoffice.Colleagues(ctx, o.OrgID, slug)
		if err != nil {
			return nil, err
		}
		for _, c := range team {
			if !slices.Contains(v.Colleagues, c) {
				v.Colleagues = append(v.Colleagues, c)
			}
		}
	}
	v.NoProcedure, v.Newest = len(slugs) == 0, filter.Newest
	if len(f.Errors) > 0 {
		filter.From, filter.To = time.Time{}, time.Time{}
	}
	q, err := s.Backoffice.Queue(ctx, o.OrgID, o.UserID, filter)
	if err != nil {
		return nil, err
	}
	for _, st := range queueStates {
		v.States = append(v.States, stateCount{st, st.Label(), q.Counts[st], st == filter.State})
	}
	for _, st := range decisions {
		v.Decisions = append(v.Decisions, stateCount{State: st, Label: st.Label(), Selected: f.Get("lot-etat") == string(st)})
	}
	v.Total, v.TotalWords, v.PageNumber = q.Total, countWords(q.Total, "dossier", "dossiers"), q.Page
	now := s.Now()
	for _, row := range q.Rows {
		age := now.Sub(row.SubmittedAt)
		qr := queueRow{Row: row, URL: v.Action + "/" + strconv.FormatInt(row.ID, 10), Title: titles[row.Procedure],
			AgeDays: int(age.Hours() / 24), Checked: checked[row.ID],
			Choice: strconv.FormatInt(row.ID, 10) + "." + strconv.FormatInt(row.Version, 10)}
		qr.Old = !row.State.Decided() && age >= OldAfter
		v.Rows = append(v.Rows, qr)
	}
	kept := filterQuery(f.Values)
	for _, n := range filterNames {
		if val := kept.Get(n); val != "" {
			v.Filter = append(v.Filter, hiddenField{"f-" + n, val})
		}
	}
	if enc := kept.Encode(); enc != "" {
		v.ExportCSV, v.ExportJSON = v.Action+"/export.csv?"+enc, v.Action+"/export.json?"+enc
	} else {
		v.ExportCSV, v.ExportJSON = v.Action+"/export.csv", v.Action+"/export.json"
	}
	v.Prev, v.Next = pageLinks(v.Action, kept, q)
	return v, nil
}

// countWords is a count with its noun, ready to open a sentence:
// "1 dossier", "42 dossiers", "Plus de 1 000 dossiers".
func countWords(c backoffice.Count, one, many string) string {
	if c.Over() {
		return "Plus de " + strings.TrimPrefix(c.String(), "plus de ") + " " + many
	}
	return plural(int(c), one, many)
}

// pageLinks are the addresses of the previous and next pages, "" at the ends.
func pageLinks(base string, q url.Values, page *backoffice.Queue) (prev, next string) {
	at := func(n int) string {
		c := url.Values{}
		for k, v := range q {
			c[k] = v
		}
		c.Set("page", strconv.Itoa(n))
		return base + "?" + c.Encode()
	}
	if page.Page > 1 {
		prev = at(page.Page - 1)
	}
	if page.More && page.Page < backoffice.MaxPage {
		next = at(page.Page + 1)
	}
	return prev, next
}

// procedureTitles maps the organisation's procedure slugs to their titles.
func (s *Server) procedureTitles(r *http.Request, orgID int64) (map[string]string, error) {
	list, err := s.Catalogue.OrgProcedures(r.Context(), orgID)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, p := range list {
		out[p.Slug] = p.Title
	}
	return out, nil
}
