package smstest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// smsFactorSend answers POST /send as SMSFactor does: HTTP 200 with a
// request status in the JSON body (1 OK, -1 authentication, -7 data).
func (s *Server) smsFactorSend(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+s.Token {
		writeJSON(w, http.StatusOK, map[string]any{"status": -1, "message": "Authentication error"})
		return
	}
	mode, answer := s.modeOr(w, r)
	if !answer {
		return
	}
	var body struct {
		SMS struct {
			Message struct {
				Text, PushType, Sender string
				Unicode                int
			} `json:"message"`
			Recipients struct {
				GSM []struct {
					ID    string `json:"gsmsmsid"`
					Value string `json:"value"`
				} `json:"gsm"`
			} `json:"recipients"`
		} `json:"sms"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeJSON(w, http.StatusOK, map[string]any{"status": -6, "message": "JSON error"})
		return
	}
	msg, gsm := body.SMS.Message, body.SMS.Recipients.GSM
	if msg.Text == "" || len(gsm) != 1 || !digits(gsm[0].Value) {
		writeJSON(w, http.StatusOK, map[string]any{"status": -7, "message": "Data error"})
		return
	}
	if mode == Refuse {
		writeJSON(w, http.StatusOK, map[string]any{"status": 1, "message": "OK", "ticket": "0",
			"cost": 0, "total": 1, "sent": 0, "invalid": 1})
		return
	}
	s.mu.Lock()
	callback := s.smsFactorDLR
	s.mu.Unlock()
	m := s.accept(Received{Provider: SMSFactor, Key: gsm[0].ID, To: gsm[0].Value, Sender: msg.Sender,
		Text: msg.Text, Unicode: msg.Unicode == 1, Callback: callback})
	if mode == LoseAnswer {
		s.hangUntilGone(r)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": 1, "message": "OK", "ticket": m.ProviderID,
		"cost": 1, "credits": 642, "total": 1, "sent": 1, "blacklisted": 0, "duplicated": 0, "invalid": 0, "npai": 0})
}

// brevoSend answers POST /v3/transactionalSMS/send as Brevo does: 201 with
// the messageId, or an HTTP error with {"code", "message"}.
func (s *Server) brevoSend(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("api-key") != s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"code": "unauthorized", "message": "Key not found"})
		return
	}
	mode, answer := s.modeOr(w, r)
	if !answer {
		return
	}
	var body struct {
		Sender, Recipient, Content, Type, Tag string
		WebURL                                string `json:"webUrl"`
		UnicodeEnabled                        bool   `json:"unicodeEnabled"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Content == "" || body.Sender == "" || !digits(body.Recipient) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"code": "missing_parameter", "message": "sender, recipient and content are required"})
		return
	}
	if mode == Refuse {
		writeJSON(w, http.StatusBadRequest, map[string]string{"code": "invalid_parameter", "message": "Invalid phone number"})
		return
	}
	m := s.accept(Received{Provider: Brevo, Key: body.Tag, To: body.Recipient, Sender: body.Sender,
		Text: body.Content, Unicode: body.UnicodeEnabled, Callback: body.WebURL})
	if mode == LoseAnswer {
		s.hangUntilGone(r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	w.Write([]byte(`{"messageId":` + m.ProviderID + "}"))
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// brevoEvents answers GET /v3/transactionalSMS/statistics/events as Brevo
// does, newest first: here a "sent" event per accepted message, filtered by
// the tags and phoneNumber parameters.
func (s *Server) brevoEvents(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("api-key") != s.Token {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"code": "unauthorized", "message": "Key not found"})
		return
	}
	tag, phone := r.URL.Query().Get("tags"), r.URL.Query().Get("phoneNumber")
	type event struct {
		PhoneNumber string `json:"phoneNumber"`
		Date        string `json:"date"`
		MessageID   string `json:"messageId"`
		Event       string `json:"event"`
		Tag         string `json:"tag"`
	}
	events := []event{}
	msgs := s.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.Provider != Brevo || tag != "" && m.Key != tag || phone != "" && m.To != phone {
			continue
		}
		events = append(events, event{PhoneNumber: m.To, Date: m.At.UTC().Format(time.RFC3339), MessageID: m.ProviderID,
			Event: "sent", Tag: m.Key})
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": events})
}
