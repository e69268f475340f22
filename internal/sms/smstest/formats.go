package smstest

import (
	"encoding/json"
	"net/http"
	"strings"
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
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	w.Write([]byte(`{"messageId":` + m.ProviderID + "}"))
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
