package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"guichet/internal/dossiers"
	"guichet/internal/forms"
)

// eventItem is an entry of a dossier's timeline, as the person reads it.
type eventItem struct {
	At     time.Time
	Text   string
	Detail string
	// By names the mediator and structure who did it under a mandate.
	By string
}

// fileItem is a file of a dossier, with its download link.
type fileItem struct {
	URL, Name, Type, Size string
}

// messageItem is a message on a dossier.
type messageItem struct {
	At        time.Time
	FromStaff bool
	Body      string
	Files     []fileItem
}

// dossierView is the model of a dossier's page.
type dossierView struct {
	Page
	*dossierCtx
	Reference, State, StateClass string
	Events                       []eventItem
	Lines                        []forms.SummaryLine
	Files                        []fileItem
	Messages                     []messageItem
	ResumeURL                    string
	Correction                   *dossiers.Correction
	CorrectionFields             []string
	Form                         *Form
	MaxFile                      string
	// Deliveries are the administrations told of a change declared once.
	Deliveries []deliveryRow
	// HelpedBy names the structure whose mediator helped, "" when none.
	HelpedBy string
}

// dossierShow is a dossier's page: its state, timeline (newest first),
// answers, files, messages and receipt; for a draft, where to resume it.
func (s *Server) dossierShow(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	v, err := s.dossierView(r, dc, emptyForm())
	if err != nil {
		return err
	}
	switch {
	case r.URL.Query().Get("enregistre") == "1":
		v.Notice = "Votre brouillon est enregistré. Reprenez-le quand vous voulez : il est dans « Mes démarches »."
	case r.URL.Query().Get("message") == "1":
		v.Notice = "Votre message est envoyé à l'administration."
	case r.URL.Query().Get("corrige") == "1":
		v.Notice = "Votre correction est envoyée. L'administration reprend l'examen de votre dossier."
	}
	return s.render(w, http.StatusOK, "dossiers-show", v)
}

// helperWords says who acted under a mandate: "Léa Petit, médiatrice de
// France Services de Villeurbanne", or the structure alone.
func (s *Server) helperWords(ctx context.Context, mediatorID, orgID int64) string {
	org := "une structure d'aide"
	if o, err := s.Identity.OrganisationByID(ctx, orgID); err == nil {
		org = o.Name
	}
	if mediatorID != 0 {
		if u, err := s.Identity.UserByID(ctx, mediatorID); err == nil && u.Name != "" {
			return u.Name + ", pour " + org
		}
	}
	return org
}

func (s *Server) dossierView(r *http.Request, dc *dossierCtx, form *Form) (*dossierView, error) {
	ctx := r.Context()
	d := dc.D
	title := dc.ProcTitle + " — dossier " + d.ShownReference()
	if d.State == dossiers.Draft {
		title = dc.ProcTitle + " — brouillon"
	}
	v := &dossierView{Page: s.page(r, title), dossierCtx: dc, Reference: d.ShownReference(), State: d.Label(),
		StateClass: stateClass(d.Label()), Lines: dc.Form.Summary(dc.Answers), Correction: d.Correction, Form: form,
		MaxFile: forms.HumanSize(s.Dossiers.MaxFileSize())}
	v.HasErrors = !form.Valid()
	if d.State == dossiers.Draft {
		page := d.CurrentPage
		if page >= 0 && !dc.Form.PageShown(page, dc.Answers) {
			page = dc.Form.First(dc.Answers)
		}
		v.ResumeURL = stepURL(d.ID, page)
	}
	if d.Correction != nil {
		for _, k := range d.Correction.Fields {
			label := k
			if fd := dc.Form.Field(forms.TopKey(k)); fd != nil {
				label = fd.Label
			}
			v.CorrectionFields = append(v.CorrectionFields, label)
		}
	}
	events, err := s.Dossiers.Timeline(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Internal() {
			continue
		}
		it := eventItem{At: e.At, Text: e.Text(), Detail: e.Detail}
		if e.ViaOrgID != 0 {
			it.By = s.helperWords(ctx, e.ActorID, e.ViaOrgID)
		}
		v.Events = append(v.Events, it)
	}
	if d.HelpedByOrgID != 0 {
		v.HelpedBy = s.helperWords(ctx, 0, d.HelpedByOrgID)
	}
	files, err := s.Dossiers.Files(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.MessageID == 0 {
			v.Files = append(v.Files, fileLink(d.ID, f))
		}
	}
	msgs, err := s.Dossiers.Messages(ctx, d)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		mi := messageItem{At: m.At, FromStaff: m.FromStaff, Body: m.Body}
		for _, f := range m.Files {
			mi.Files = append(mi.Files, fileLink(d.ID, f))
		}
		v.Messages = append(v.Messages, mi)
	}
	if v.Deliveries, err = s.changeDeliveries(ctx, d); err != nil {
		return nil, err
	}
	return v, nil
}

func fileLink(dossierID int64, f dossiers.File) fileItem {
	return fileItem{URL: dossierURL(dossierID, "fichiers", strconv.FormatInt(f.ID, 10)), Name: f.Name,
		Type: forms.FileTypeName(fileTypeOf(f.ContentType)), Size: forms.HumanSize(f.Size)}
}

// dossierDelete deletes the person's draft at their request.
func (s *Server) dossierDelete(w http.ResponseWriter, r *http.Request) error {
	dc, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if err := s.Dossiers.DeleteDraft(r.Context(), ownerID(r), dc.D.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/mes-demarches?supprime=1", http.StatusSeeOther)
	return nil
}
