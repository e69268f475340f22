package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/forms"
	"guichet/internal/identity"
)

// answerRow is one answer of a dossier, as the agent reads it: the
// field's label, its value in words, and the items of a repeatable block.
type answerRow struct {
	Key, Label, Value string
	Items             []forms.SummaryItem
}

// agentDossierView is the model of a dossier's page for an agent.
type agentDossierView struct {
	Page
	Form       *Form
	Dossier    *dossiers.Dossier
	Title      string
	Version    int64
	Answers    []answerRow
	Files      []dossiers.File
	Timeline   []dossiers.Event
	Messages   []dossiers.Message
	Changed    []dossiers.Event // what another agent did since the form was shown
	Problem    string
	BaseURL    string
	QueueURL   string
	CanTake    bool
	CanDecide  bool
	CanReopen  bool
	CanCorrect bool
	Reasons    []dossiers.Reason
	Posted     string // the action whose form came back with problems
	Notes      []backoffice.Note
	Team       []backoffice.Colleague // whom the dossier may be given to
	Holder     string                 // the name of whom has it, "" for nobody
	ToFix      []string               // the labels of the answers a correction asks for
	// Postal is the address block of the person's postal mail when they are
	// domiciled at a help structure; nil otherwise.
	Postal []string
	// HelpedBy names the structure whose mediator worked on the dossier.
	HelpedBy string
}

// agentAnswers lists the dossier's answers under their fields' labels, in
// the order of its form version; answers to fields the form no longer has
// (or every answer, when the form cannot be read) follow under their keys.
func (s *Server) agentAnswers(r *http.Request, d *dossiers.Dossier) ([]answerRow, error) {
	var out []answerRow
	shown := map[string]bool{}
	f, err := s.Forms.Version(r.Context(), d.Procedure, d.FormVersion)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	if err == nil {
		for _, l := range f.Summary(formAnswers(d.Answers)) {
			out = append(out, answerRow{Key: l.Key, Label: l.Label, Value: l.Value, Items: l.Items})
			shown[l.Key] = true
		}
	}
	keys := make([]string, 0, len(d.Answers))
	for k := range d.Answers {
		if !shown[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		val := d.Answers.Text(k)
		if val == "" {
			val = string(d.Answers[k])
		}
		out = append(out, answerRow{Key: k, Label: k, Value: val})
	}
	return out, nil
}

// labelOf is the label of the answer key ("enfants[0].prenom" is that of
// its block), the key itself when the form does not have it.
func labelOf(answers []answerRow, key string) string {
	top := forms.TopKey(key)
	for _, a := range answers {
		if a.Key == top {
			return a.Label
		}
	}
	return key
}

// agentDossier finds the agent's scope and the {id} of the path.
func agentDossier(r *http.Request) (orgScope, int64, error) {
	o, err := scopeOf(r, identity.RoleAgent)
	if err != nil {
		return o, 0, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return o, 0, errs.E(errs.NotFound, "Ce dossier n'existe pas.")
	}
	return o, id, nil
}

// agentDossierView reads the dossier for the agent: NotFound unless it is
// of a procedure of their team. The read is audited by GetForStaff.
func (s *Server) agentDossierView(r *http.Request, o orgScope, id int64, f *Form) (*agentDossierView, error) {
	ctx := r.Context()
	version, err := s.Backoffice.Version(ctx, o.OrgID, o.UserID, id)
	if err != nil {
		return nil, err
	}
	d, err := s.Dossiers.GetForStaff(ctx, o.UserID, o.OrgID, id)
	if err != nil {
		return nil, err
	}
	titles, err := s.procedureTitles(r, o.OrgID)
	if err != nil {
		return nil, err
	}
	v := &agentDossierView{Page: s.page(r, "Dossier "+d.ShownReference()), Form: f, Dossier: d,
		Title: titles[d.Procedure], Version: version, QueueURL: "/espace/" + o.OrgSlug + "/dossiers",
		Reasons: []dossiers.Reason{dossiers.Incorrect, dossiers.Incomplete, dossiers.Outdated}}
	v.BaseURL = v.QueueURL + "/" + strconv.FormatInt(d.ID, 10)
	if v.Answers, err = s.agentAnswers(r, d); err != nil {
		return nil, err
	}
	if d.Correction != nil {
		for _, k := range d.Correction.Fields {
			v.ToFix = append(v.ToFix, labelOf(v.Answers, k))
		}
	}
	if v.Team, err = s.Backoffice.Colleagues(ctx, o.OrgID, d.Procedure); err != nil {
		return nil, err
	}
	for _, c := range v.Team {
		if c.ID == d.AssignedTo {
			v.Holder = c.Name
		}
	}
	if v.Files, err = s.Dossiers.Files(ctx, d); err != nil {
		return nil, err
	}
	if v.Timeline, err = s.Dossiers.Timeline(ctx, d); err != nil {
		return nil, err
	}
	if v.Messages, err = s.Dossiers.Messages(ctx, d); err != nil {
		return nil, err
	}
	if v.Notes, err = s.Backoffice.Notes(ctx, o.OrgID, o.UserID, d.ID); err != nil {
		return nil, err
	}
	if dom, err := s.Mediation.DomiciliationOf(ctx, d.UserID); err != nil {
		return nil, err
	} else if dom != nil {
		name := "la structure d'aide"
		if org, err := s.Identity.OrganisationByID(ctx, dom.OrgID); err == nil {
			name = org.Name
		}
		v.Postal = dom.PostalLines(name)
	}
	if d.HelpedByOrgID != 0 {
		v.HelpedBy = s.helperWords(ctx, 0, d.HelpedByOrgID)
	}
	// The actions allowed from the state; the service checks them again.
	noCorrection, decided := d.Correction == nil, d.State.Decided()
	v.CanTake = noCorrection && d.State == dossiers.InConstruction
	v.CanDecide = !decided
	v.CanReopen = decided
	v.CanCorrect = noCorrection && !decided
	return v, nil
}

func (s *Server) agentDossierPage(w http.ResponseWriter, r *http.Request) error {
	o, id, err := agentDossier(r)
	if err != nil {
		return err
	}
	v, err := s.agentDossierView(r, o, id, emptyForm())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "backoffice-dossier", v)
}

// agentAction runs one of the actions of the dossier's page from the
// version the agent's form carries. On a problem the page comes back with
// it; when another agent acted first, with what they did.
func (s *Server) agentAction(w http.ResponseWriter, r *http.Request) error {
	o, id, err := agentDossier(r)
	if err != nil {
		return err
	}
	f := newForm(r)
	version, _ := strconv.ParseInt(f.Get("version"), 10, 64)
	ag := dossiers.Agent{UserID: o.UserID, OrgID: o.OrgID}
	switch r.PathValue("action") {
	case "note":
		// A note changes nothing of the dossier: no version to check.
		err = s.Backoffice.AddNote(r.Context(), o.OrgID, o.UserID, id, f.Get("note"))
	case "prendre":
		err = s.Backoffice.Take(r.Context(), ag, id, version)
	case "attribuer":
		var to int64
		if to, err = assignee(f.Get("agent")); err == nil {
			err = s.Backoffice.Assign(r.Context(), ag, id, version, to)
		}
	default:
		err = s.act(r, f, ag, id, version)
	}
	if err == nil {
		http.Redirect(w, r, "/espace/"+o.OrgSlug+"/dossiers/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return nil
	}
	return s.agentActionFailed(w, r, o, id, version, f, err)
}

// act runs a change of the dossier from the version the agent saw.
func (s *Server) act(r *http.Request, f *Form, ag dossiers.Agent, id, version int64) error {
	return s.Backoffice.Act(r.Context(), ag.OrgID, ag.UserID, id, version, func(ctx context.Context) error {
		switch r.PathValue("action") {
		case "etat":
			return s.Dossiers.Move(ctx, id, ag, dossiers.State(f.Get("etat")), f.Get("motif"))
		case "correction":
			return s.Dossiers.RequestCorrection(ctx, id, ag, dossiers.Reason(f.Get("raison")), f.Values["champs"], f.Get("message"))
		case "message":
			_, err := s.Dossiers.PostStaffMessage(ctx, ag, id, f.Get("message"), nil)
			return err
		}
		return errs.E(errs.NotFound, "Cette action n'existe pas.")
	})
}

// assignee reads the agent chosen in an assign list: an id, or "personne".
func assignee(raw string) (int64, error) {
	if raw == backoffice.AssignedToNobody {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.InvalidField("agent", "Choisissez à qui donner le dossier.")
	}
	return id, nil
}

// agentActionFailed shows the dossier's page again with the problem of an
// action, and what another agent changed when that is the problem.
func (s *Server) agentActionFailed(w http.ResponseWriter, r *http.Request, o orgScope, id, version int64, f *Form, err error) error {
	if errs.Is(err, errs.NotFound) || !(errs.Is(err, errs.Invalid) || errs.Is(err, errs.Conflict)) {
		return err
	}
	v, verr := s.agentDossierView(r, o, id, f)
	if verr != nil {
		return verr
	}
	status := http.StatusUnprocessableEntity
	// The page holds several forms: each problem points at its own form's field.
	v.Posted = r.PathValue("action")
	for _, fe := range errs.FieldsOf(err) {
		f.Fail(v.Posted+"-"+fe.Field, fe.Message)
	}
	if len(f.Errors) == 0 {
		v.Problem, status = errs.MessageOf(err), http.StatusConflict
	}
	if errors.Is(err, backoffice.ErrChanged) {
		since := time.UnixMicro(version)
		for _, e := range v.Timeline {
			if e.At.After(since) {
				v.Changed = append(v.Changed, e)
			}
		}
	}
	return s.render(w, status, "backoffice-dossier", v)
}

// agentFile shows a file of the dossier in the browser. OpenFileForStaff
// writes the read to the audit log.
func (s *Server) agentFile(w http.ResponseWriter, r *http.Request) error {
	o, id, err := agentDossier(r)
	if err != nil {
		return err
	}
	if _, err := s.Backoffice.Version(r.Context(), o.OrgID, o.UserID, id); err != nil {
		return err
	}
	fileID, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Ce fichier n'existe pas.")
	}
	f, rc, err := s.Dossiers.OpenFileForStaff(r.Context(), dossiers.Agent{UserID: o.UserID, OrgID: o.OrgID}, fileID)
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.DossierID != id {
		return errs.E(errs.NotFound, "Ce fichier n'existe pas.")
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	// inline: the agent reads it in the browser; the sandbox keeps what it holds from running.
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": f.DownloadName()}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, err = io.Copy(w, rc)
	return err
}
