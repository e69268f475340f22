package web

import (
	"net/http"
	"net/url"
	"strconv"
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

// queueRow is a dossier of the queue as the page shows it.
type queueRow struct {
	backoffice.Row
	URL, Title string
	AgeDays    int
	Old, Late  bool
	Delay      int // the procedure's expected delay in days, 0 when unknown
}

// stateCount is a state with its number of dossiers.
type stateCount struct {
	State    dossiers.State
	Label    string
	Count    int
	Selected bool
}

// queueView is the model of the queue page.
type queueView struct {
	Page
	Form        *Form
	Action      string
	Procedures  []procChoice
	States      []stateCount
	Total       int
	Rows        []queueRow
	Prev, Next  string
	PageNumber  int
	NoProcedure bool
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
		Waiting: q.Get("attente") == "oui", Search: q.Get("q")}
	out.Page, _ = strconv.Atoi(q.Get("page"))
	for _, b := range []struct {
		name  string
		into  *time.Time
		label string
		next  bool
	}{{"du", &out.From, "Reçus à partir du", false}, {"au", &out.To, "Reçus jusqu'au", true}} {
		raw := q.Get(b.name)
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

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f := &Form{Values: r.URL.Query()}
	filter := queueFilter(f.Values, f)
	v := &queueView{Page: s.page(r, "Dossiers à traiter"), Form: f, Action: "/espace/" + o.OrgSlug + "/dossiers"}
	slugs, err := s.Backoffice.Procedures(ctx, o.OrgID, o.UserID)
	if err != nil {
		return err
	}
	titles, err := s.procedureTitles(r, o.OrgID)
	if err != nil {
		return err
	}
	for _, slug := range slugs {
		v.Procedures = append(v.Procedures, procChoice{slug, titles[slug], slug == filter.Procedure})
	}
	v.NoProcedure = len(slugs) == 0
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
		filter.From, filter.To = time.Time{}, time.Time{}
	}
	q, err := s.Backoffice.Queue(ctx, o.OrgID, o.UserID, filter)
	if err != nil {
		return err
	}
	for _, st := range queueStates {
		v.States = append(v.States, stateCount{st, st.Label(), q.Counts[st], st == filter.State})
	}
	v.Total, v.PageNumber = q.Total, q.Page
	delays := map[string]int{}
	now := s.Now()
	for _, row := range q.Rows {
		d, ok := delays[row.Procedure]
		if !ok {
			if days, known, err := s.Dossiers.ExpectedDelay(ctx, row.Procedure); err == nil && known {
				d = days
			}
			delays[row.Procedure] = d
		}
		age := now.Sub(row.SubmittedAt)
		qr := queueRow{Row: row, URL: v.Action + "/" + strconv.FormatInt(row.ID, 10), Title: titles[row.Procedure],
			AgeDays: int(age.Hours() / 24), Delay: d}
		open := !row.State.Decided()
		qr.Old = open && age >= OldAfter
		qr.Late = open && d > 0 && qr.AgeDays > d
		v.Rows = append(v.Rows, qr)
	}
	v.Prev, v.Next = pageLinks(v.Action, f.Values, q)
	return s.render(w, status, "backoffice-queue", v)
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
