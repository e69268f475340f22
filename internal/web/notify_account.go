package web

import (
	"net/http"

	"guichet/internal/notify"
)

// notifyAccountView is the model of /compte/notifications: the channels,
// the phone and its code, and what was sent.
type notifyAccountView struct {
	Page
	Form     *Form
	Prefs    notify.Preferences
	Channels []option
	// AwaitingCode is true while a code was sent and not yet given.
	AwaitingCode bool
	Sent         []sentRow
}

// sentRow is one message in the person's list.
type sentRow struct {
	notify.Message
	ChannelLabel, StatusLabel string
}

var channelChoices = []struct{ value, label string }{
	{notify.ChannelsEmail, "Par e-mail"},
	{notify.ChannelsSMS, "Par SMS"},
	{notify.ChannelsBoth, "Par e-mail et par SMS"},
	{notify.ChannelsNone, "Aucun message, sauf les avis obligatoires (par e-mail)"},
}

// notices of the page, chosen by the ?fait= of the redirect after a change.
var notifyNotices = map[string]string{
	"canaux":   "Vos choix sont enregistrés.",
	"code":     "Nous vous avons envoyé un code par SMS. Tapez-le ci-dessous : il expire dans 10 minutes.",
	"confirme": "Votre numéro est confirmé. Vous pouvez recevoir nos SMS.",
}

func (s *Server) notifyAccountPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderNotifyAccount(w, r, emptyForm(), http.StatusOK)
}

func (s *Server) renderNotifyAccount(w http.ResponseWriter, r *http.Request, f *Form, status int) error {
	u := currentUser(r)
	prefs, err := s.Notify.Preferences(r.Context(), u.ID)
	if err != nil {
		return err
	}
	sent, err := s.Notify.SentTo(r.Context(), u.ID, 50)
	if err != nil {
		return err
	}
	v := notifyAccountView{Page: s.page(r, "Mes notifications"), Form: f, Prefs: prefs,
		AwaitingCode: prefs.PendingPhone != ""}
	v.HasErrors = !f.Valid()
	v.Notice = notifyNotices[r.URL.Query().Get("fait")]
	chosen := f.Get("channels")
	if chosen == "" {
		chosen = prefs.Channels
	}
	for _, c := range channelChoices {
		v.Channels = append(v.Channels, option{c.value, c.label, c.value == chosen})
	}
	for _, m := range sent {
		label := "E-mail"
		if m.Channel == notify.SMS {
			label = "SMS"
		}
		v.Sent = append(v.Sent, sentRow{Message: m, ChannelLabel: label, StatusLabel: notify.StatusLabel(m.Status)})
	}
	return s.render(w, status, "notify-account", v)
}

func (s *Server) notifyChannels(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	if err := s.Notify.SetChannels(r.Context(), currentUser(r).ID, f.Get("channels")); err != nil {
		if f.FailWith(err) {
			return s.renderNotifyAccount(w, r, f, http.StatusUnprocessableEntity)
		}
		return err
	}
	http.Redirect(w, r, "/compte/notifications?fait=canaux", http.StatusSeeOther)
	return nil
}

func (s *Server) notifyPhone(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("phone", "Indiquez votre numéro de téléphone portable, par exemple 06 12 34 56 78.")
	if f.Valid() {
		if err := s.Notify.StartPhoneConfirmation(r.Context(), currentUser(r).ID, f.Get("phone")); err != nil {
			if !f.FailWith(err) {
				return err
			}
		}
	}
	if !f.Valid() {
		return s.renderNotifyAccount(w, r, f, http.StatusUnprocessableEntity)
	}
	http.Redirect(w, r, "/compte/notifications?fait=code#code", http.StatusSeeOther)
	return nil
}

func (s *Server) notifyCode(w http.ResponseWriter, r *http.Request) error {
	f := newForm(r)
	f.Require("code", "Tapez les 6 chiffres du code reçu par SMS.")
	if f.Valid() {
		if err := s.Notify.ConfirmPhone(r.Context(), currentUser(r).ID, f.Get("code")); err != nil {
			if !f.FailWith(err) {
				return err
			}
		}
	}
	if !f.Valid() {
		return s.renderNotifyAccount(w, r, f, http.StatusUnprocessableEntity)
	}
	http.Redirect(w, r, "/compte/notifications?fait=confirme", http.StatusSeeOther)
	return nil
}
