package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/notify"
	"guichet/internal/sms"
)

// orgScope is the organisation a staff member acts for under /espace/{org}.
type orgScope struct {
	UserID, OrgID    int64
	OrgSlug, OrgName string
}

// scopeOf returns the {org} of the path as one of roles of the signed-in
// person; the route's rule already checked a role, this finds the ids.
func scopeOf(r *http.Request, roles ...identity.Role) (orgScope, error) {
	u, org := currentUser(r), r.PathValue("org")
	for _, m := range u.Memberships {
		if m.OrgSlug == org && slices.Contains(roles, m.Role) {
			return orgScope{u.ID, m.OrgID, m.OrgSlug, m.OrgName}, nil
		}
	}
	return orgScope{}, errs.E(errs.Forbidden, "Votre compte ne permet pas d'agir pour cette organisation.")
}

// templateEditors may word their organisation's messages.
var templateEditors = []identity.Role{identity.RoleProcedureOwner, identity.RoleAdmin}

// templateRow is a line of the list of an organisation's messages.
type templateRow struct {
	Kind, Channel string
	Label, URL    string
	Version       int
}

func (s *Server) notifyTemplatesPage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, templateEditors...)
	if err != nil {
		return err
	}
	v := struct {
		Page
		OrgName string
		Rows    []templateRow
	}{Page: s.page(r, "Messages automatiques de "+o.OrgName), OrgName: o.OrgName}
	for _, k := range notify.Kinds() {
		for _, ch := range []string{notify.Email, notify.SMS} {
			t, err := s.Notify.Template(r.Context(), o.OrgID, k.Kind, ch)
			if err != nil {
				return err
			}
			v.Rows = append(v.Rows, templateRow{Kind: string(k.Kind), Channel: channelLabel(ch), Label: k.Label,
				URL: fmt.Sprintf("/espace/%s/notifications/%s/%s", o.OrgSlug, k.Kind, ch), Version: t.Version})
		}
	}
	return s.render(w, http.StatusOK, "notify-templates", v)
}

func channelLabel(ch string) string {
	if ch == notify.SMS {
		return "SMS"
	}
	return "E-mail"
}

// templateEditView is the model of the editor of one template.
type templateEditView struct {
	Page
	Form      *Form
	Info      notify.KindInfo
	IsSMS     bool
	Channel   string
	Version   int
	ListURL   string
	Action    string
	Preview   notify.Rendered
	PreviewOK bool
	// CountText says the encoding, the parts and the characters left
	// with the example data; CountURL is where the live script asks it.
	CountText, CountURL string
	Transliterate       bool
}

// editedTemplate reads the template of the path, and the form when posted.
func (s *Server) editedTemplate(r *http.Request, o orgScope, f *Form) (notify.Template, notify.KindInfo, error) {
	info, ok := notify.InfoOf(notify.Kind(r.PathValue("kind")))
	ch := r.PathValue("channel")
	if !ok || (ch != notify.Email && ch != notify.SMS) {
		return notify.Template{}, notify.KindInfo{}, errs.E(errs.NotFound, "Ce message n'existe pas.")
	}
	t, err := s.Notify.Template(r.Context(), o.OrgID, info.Kind, ch)
	if err != nil {
		return notify.Template{}, notify.KindInfo{}, err
	}
	if f != nil {
		t.Subject, t.Body, t.Transliterate = f.Raw("subject"), f.Raw("body"), f.Get("transliterate") == "oui"
		t.CreatedBy = o.UserID
	}
	return t, info, nil
}

func (s *Server) notifyTemplatePage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, templateEditors...)
	if err != nil {
		return err
	}
	t, info, err := s.editedTemplate(r, o, nil)
	if err != nil {
		return err
	}
	f := emptyForm()
	f.Values.Set("subject", t.Subject)
	f.Values.Set("body", t.Body)
	return s.renderTemplateEdit(w, r, o, t, info, f, http.StatusOK)
}

func (s *Server) notifyTemplateSave(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, templateEditors...)
	if err != nil {
		return err
	}
	f := newForm(r)
	t, info, err := s.editedTemplate(r, o, f)
	if err != nil {
		return err
	}
	if f.Get("action") == "verifier" {
		f.FailWith(t.Check())
		v := s.templateEditView(r, o, t, info, f)
		if f.Valid() {
			v.Notice = "Le modèle est correct. Rien n'est encore enregistré."
		}
		return s.render(w, http.StatusOK, "notify-template-edit", v)
	}
	version, err := s.Notify.SaveTemplate(r.Context(), t)
	if f.FailWith(err) {
		return s.renderTemplateEdit(w, r, o, t, info, f, http.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	t.Version = version
	v := s.templateEditView(r, o, t, info, f)
	v.Notice = fmt.Sprintf("Modèle enregistré (version %d). Les prochains messages l'utiliseront.", version)
	return s.render(w, http.StatusOK, "notify-template-edit", v)
}

func (s *Server) renderTemplateEdit(w http.ResponseWriter, r *http.Request, o orgScope, t notify.Template,
	info notify.KindInfo, f *Form, status int) error {
	return s.render(w, status, "notify-template-edit", s.templateEditView(r, o, t, info, f))
}

func (s *Server) templateEditView(r *http.Request, o orgScope, t notify.Template, info notify.KindInfo, f *Form) templateEditView {
	v := templateEditView{Page: s.page(r, info.Label+" ("+channelLabel(t.Channel)+") – "+o.OrgName), Form: f, Info: info,
		IsSMS: t.Channel == notify.SMS, Channel: channelLabel(t.Channel), Version: t.Version,
		ListURL: "/espace/" + o.OrgSlug + "/notifications", Transliterate: t.Transliterate,
		Action: fmt.Sprintf("/espace/%s/notifications/%s/%s", o.OrgSlug, info.Kind, t.Channel)}
	v.HasErrors = !f.Valid()
	if p, err := t.Preview(); err == nil {
		v.Preview, v.PreviewOK = p, true
	}
	if v.IsSMS {
		v.CountText = countSentence(t.SMSCount(info.Example()))
		v.CountURL = fmt.Sprintf("/espace/%s/notifications/%s/compter", o.OrgSlug, info.Kind)
	}
	return v
}

// charsLeft is how many units still fit in the last part of a message.
func charsLeft(c sms.Count) int {
	single, multi := 160, 153
	if c.Encoding == sms.EncodingUCS2 {
		single, multi = 70, 67
	}
	if c.Parts <= 1 {
		return single - c.Length
	}
	return c.Parts*multi - c.Length
}

// smsCountAnswer is the live count of an SMS for static/sms-count-live.js.
type smsCountAnswer struct {
	Text string `json:"text"`
}

// notifySMSCount counts the posted SMS text with the example data of the
// kind, as "Vérifier" does, for the editor's script. It stores nothing.
func (s *Server) notifySMSCount(w http.ResponseWriter, r *http.Request) error {
	if _, err := scopeOf(r, templateEditors...); err != nil {
		return err
	}
	f := newForm(r)
	info, ok := notify.InfoOf(notify.Kind(r.PathValue("kind")))
	if !ok {
		return errs.E(errs.NotFound, "Ce message n'existe pas.")
	}
	t := notify.Template{Kind: info.Kind, Channel: notify.SMS, Body: f.Raw("body"), Transliterate: f.Get("transliterate") == "oui"}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(smsCountAnswer{Text: countSentence(t.SMSCount(info.Example()))})
}

// countSentence says what an SMS costs, the same words on the page and live.
func countSentence(c sms.Count) string {
	enc := "alphabet SMS"
	if c.Encoding == sms.EncodingUCS2 {
		enc = "Unicode"
	}
	parts := fmt.Sprintf("%d partie", c.Parts)
	if c.Parts > 1 {
		parts += "s"
	}
	return fmt.Sprintf("Avec les exemples : %s, %s, %d caractères, encore %d avant la partie suivante.",
		enc, parts, c.Length, charsLeft(c))
}
