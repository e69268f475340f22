package web

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"rsc.io/qr"

	"guichet/internal/catalogue"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/listening"
)

// feedbackStaffView is the page where the staff of a procedure's
// organisation read its feedback, print its link and QR code for those who
// did it elsewhere, and type the paper forms of the counter.
type feedbackStaffView struct {
	Page
	ProcedureTitle, Action, Link string
	QR                           template.URL
	Summary                      listening.Summary
	Indicators                   []indicatorRow
	Channels                     []faceChoice // the channels an agent may enter
	Channel                      string
	Saved                        bool
	Questions                    feedbackForm
	// Verbatims are what listening workshops heard about the procedure.
	Verbatims []listening.Verbatim
	Org       string
}

// indicatorRow is one line of the summary table.
type indicatorRow struct{ Label, Value string }

// staffProcedureOf returns the published procedure of the {slug} path value
// when the {org} path value is its organisation, and the member's account.
func (s *Server) staffProcedureOf(r *http.Request) (*catalogue.PublishedProcedure, int64, error) {
	p, err := s.publishedProcedure(r)
	if err != nil {
		return nil, 0, err
	}
	if p.Org.Slug != r.PathValue("org") {
		return nil, 0, errs.E(errs.NotFound, "Cette démarche n'est pas gérée par votre organisation.")
	}
	return p, p.Org.ID, nil
}

func (s *Server) staffFeedbackPage(w http.ResponseWriter, r *http.Request) error {
	f := emptyForm()
	f.Values.Set("channel", r.URL.Query().Get("canal"))
	return s.renderStaffFeedback(w, r, http.StatusOK, f, r.URL.Query().Get("saisie") == "ok")
}

func (s *Server) renderStaffFeedback(w http.ResponseWriter, r *http.Request, status int, f *Form, saved bool) error {
	p, _, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	sum, err := s.Listening.ProcedureSummary(r.Context(), p.Slug)
	if err != nil {
		return err
	}
	title := "Avis sur la démarche « " + p.Title + " »"
	if !f.Valid() {
		title = "Erreur : " + title
	}
	link := strings.TrimRight(s.Settings.BaseURL, "/") + "/demarches/" + p.Slug + "/avis"
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		return fmt.Errorf("draw feedback QR code: %w", err)
	}
	code.Scale = 4
	v := feedbackStaffView{Page: s.page(r, title), ProcedureTitle: p.Title, Action: r.URL.Path, Link: link,
		QR:      template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG())),
		Summary: sum, Indicators: indicatorRows(sum), Channel: f.Get("channel"), Saved: saved,
		Questions: newFeedbackForm(f)}
	if v.Verbatims, err = s.Listening.ProcedureVerbatims(r.Context(), p.Slug); err != nil {
		return err
	}
	v.Org = p.Org.Slug
	if v.Channel == "" {
		v.Channel = string(listening.ChannelPaper)
	}
	for _, c := range listening.EnteredChannels() {
		v.Channels = append(v.Channels, faceChoice{Value: string(c), Label: c.Label()})
	}
	return s.render(w, status, "listening-staff", v)
}

// indicatorRows says the summary in the observatory's words.
func indicatorRows(sum listening.Summary) []indicatorRow {
	if sum.Answers == 0 {
		return nil
	}
	tenth := func(x float64) string { return strings.Replace(fmt.Sprintf("%.1f / 10", x), ".", ",", 1) }
	pct := func(x float64) string { return fmt.Sprintf("%.0f %%", 100*x) }
	rows := []indicatorRow{
		{"Satisfaction", tenth(sum.Satisfaction)},
		{"Clarté des informations", tenth(sum.Clarity)},
		{"Autonomie (aucune aide cherchée)", pct(sum.Autonomy())},
	}
	if sum.Tried > 0 {
		rows = append(rows, indicatorRow{"Aide joignable", fmt.Sprintf("%s (%d sur %d)", pct(sum.Reachable()), sum.Reached, sum.Tried)})
	}
	if sum.Rated > 0 {
		rows = append(rows, indicatorRow{"Aide efficace", tenth(sum.HelpQuality)})
	}
	for _, c := range append([]listening.Channel{listening.ChannelOnline}, listening.EnteredChannels()...) {
		if n := sum.ByChannel[c]; n > 0 {
			rows = append(rows, indicatorRow{"Avis reçus : " + strings.ToLower(c.Label()), fmt.Sprint(n)})
		}
	}
	return rows
}

// enterFeedback stores one paper form typed by an agent, then shows the
// page again, empty, ready for the next form on the same channel.
func (s *Server) enterFeedback(w http.ResponseWriter, r *http.Request) error {
	p, orgID, err := s.staffProcedureOf(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	a := feedbackAnswer(f, p.Slug)
	a.Channel = listening.Channel(f.Get("channel"))
	if d := f.Get("answered_on"); d != "" {
		if a.AnsweredAt, err = time.ParseInLocation("2006-01-02", d, paris); err != nil {
			f.Fail("answered_on", "Écrivez la date sous la forme 2026-03-15.")
			return s.renderStaffFeedback(w, r, http.StatusUnprocessableEntity, f, false)
		}
	}
	_, err = s.Listening.Enter(r.Context(), a, orgID, listening.Entry{AgentID: currentUser(r).ID})
	if f.FailWith(err) {
		return s.renderStaffFeedback(w, r, http.StatusUnprocessableEntity, f, false)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, r.URL.Path+"?saisie=ok&canal="+string(a.Channel), http.StatusSeeOther)
	return nil
}

// feedbackStaffRoles may read a procedure's feedback and enter paper forms.
var feedbackStaffRoles = []identity.Role{identity.RoleProcedureOwner, identity.RoleAgent}

// actionRoles may decide and move on their organisation's actions: the
// observatory too, whose actions answer the ideas about the service.
var actionRoles = []identity.Role{identity.RoleProcedureOwner, identity.RoleAgent, identity.RoleObservatory}
