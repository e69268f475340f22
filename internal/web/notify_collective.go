package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/notify"
)

// collectiveSenders may send collective messages for their organisation.
var collectiveSenders = []identity.Role{identity.RoleAgent, identity.RoleAdmin}

// maxCollectiveUpload caps the CSV of a collective send, with room for the
// text fields and the multipart envelope.
const maxCollectiveUpload = 10<<20 + 64<<10

// collectiveFormView is the model of the page that starts a collective send.
type collectiveFormView struct {
	Page
	Form     *Form
	OrgName  string
	Action   string
	Channels []option
}

func (s *Server) collectiveFormPage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, collectiveSenders...)
	if err != nil {
		return err
	}
	f := emptyForm()
	f.Values.Set("transliterate", "oui")
	return s.renderCollectiveForm(w, r, o, f, http.StatusOK)
}

func (s *Server) renderCollectiveForm(w http.ResponseWriter, r *http.Request, o orgScope, f *Form, status int) error {
	v := collectiveFormView{Page: s.page(r, "Envoyer un message à une liste – "+o.OrgName), Form: f, OrgName: o.OrgName,
		Action: "/espace/" + o.OrgSlug + "/envois"}
	v.HasErrors = !f.Valid()
	ch := f.Get("channel")
	if ch == "" {
		ch = notify.SMS
	}
	v.Channels = []option{{notify.SMS, "SMS", ch == notify.SMS}, {notify.Email, "E-mail", ch == notify.Email}}
	return s.render(w, status, "notify-collective-new", v)
}

func (s *Server) collectivePrepare(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, collectiveSenders...)
	if err != nil {
		return err
	}
	f := &Form{Values: url.Values{}}
	perr := r.ParseMultipartForm(1 << 20)
	if r.MultipartForm != nil {
		f.Values = url.Values(r.MultipartForm.Value)
	}
	var tooBig *http.MaxBytesError
	if errors.As(perr, &tooBig) {
		f.Fail("file", "Le fichier dépasse 10 Mo. Découpez-le en plusieurs envois.")
		return s.renderCollectiveForm(w, r, o, f, http.StatusUnprocessableEntity)
	}
	file, _, ferr := r.FormFile("file")
	if ferr != nil {
		f.Fail("file", "Choisissez le fichier CSV des destinataires.")
		return s.renderCollectiveForm(w, r, o, f, http.StatusUnprocessableEntity)
	}
	defer file.Close()
	c, err := s.Notify.PrepareCollective(r.Context(), notify.CollectiveText{OrgID: o.OrgID, CreatedBy: o.UserID,
		Channel: f.Get("channel"), Subject: f.Get("subject"), Body: f.Raw("body"),
		Transliterate: f.Get("transliterate") == "oui"}, file)
	if f.FailWith(err) {
		return s.renderCollectiveForm(w, r, o, f, http.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/envois/%d", o.OrgSlug, c.ID), http.StatusSeeOther)
	return nil
}

// collectiveView is the model of a collective send: its review, then its progress.
type collectiveView struct {
	Page
	C          notify.Collective
	IsSMS      bool
	SendURL    string
	NewURL     string
	Problems   []notify.LineProblem
	MoreIssues int
	Rows       []sentRow
	Counts     []statusCount
	Done       int
	// PerMinute is the organisation's pace; RateURL its page, for its
	// administrator only.
	PerMinute int
	RateURL   string
}

type statusCount struct {
	Label string
	N     int
}

// maxShownRows bounds the lines a page lists; the counts cover them all.
const maxShownRows = 200

func (s *Server) collectivePage(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, collectiveSenders...)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Cet envoi n'existe pas.")
	}
	c, err := s.Notify.Collective(r.Context(), o.OrgID, id)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("Envoi groupé n° %d à vérifier", id)
	if c.Status == "sent" {
		title = fmt.Sprintf("Suivi de l'envoi groupé n° %d", id)
	}
	v := collectiveView{Page: s.page(r, title), C: c, IsSMS: c.Channel == notify.SMS,
		SendURL: fmt.Sprintf("/espace/%s/envois/%d/envoyer", o.OrgSlug, id), NewURL: "/espace/" + o.OrgSlug + "/envois"}
	v.Problems = c.Problems[:min(len(c.Problems), maxShownRows)]
	v.MoreIssues = len(c.Problems) - len(v.Problems)
	if c.Status == "sent" {
		msgs, err := s.Notify.CollectiveMessages(r.Context(), o.OrgID, id, maxShownRows)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			v.Rows = append(v.Rows, sentRow{Message: m, StatusLabel: notify.StatusLabel(m.Status)})
		}
		for _, st := range []string{notify.StatusCreated, notify.StatusSending, notify.StatusDelivered,
			notify.StatusTemporaryFailure, notify.StatusPermanentFailure, notify.StatusTechnicalFailure} {
			if n := c.Counts[st]; n > 0 {
				v.Counts = append(v.Counts, statusCount{notify.StatusLabel(st), n})
			}
		}
		v.Done = c.Counts[notify.StatusDelivered] + c.Counts[notify.StatusPermanentFailure] + c.Counts[notify.StatusTechnicalFailure]
		if v.PerMinute, err = s.Notify.RateLimit(r.Context(), o.OrgID); err != nil {
			return err
		}
		if _, err := scopeOf(r, rateSetters...); err == nil {
			v.RateURL = "/espace/" + o.OrgSlug + "/envois/rythme"
		}
	}
	if r.URL.Query().Get("fait") == "envoye" {
		v.Notice = "L'envoi a commencé. Il se poursuit en arrière-plan : revenez sur cette page pour voir où il en est."
	}
	return s.render(w, http.StatusOK, "notify-collective", v)
}

func (s *Server) collectiveSend(w http.ResponseWriter, r *http.Request) error {
	o, err := scopeOf(r, collectiveSenders...)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errs.E(errs.NotFound, "Cet envoi n'existe pas.")
	}
	if err := s.Notify.SendCollective(r.Context(), o.OrgID, id); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/espace/%s/envois/%d?fait=envoye", o.OrgSlug, id), http.StatusSeeOther)
	return nil
}
