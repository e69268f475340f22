package sms

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func receiptRequest(body string) *http.Request {
	return httptest.NewRequest(http.MethodPost, "/sms/receipts?secret=s3cret", strings.NewReader(body))
}

// TestSMSFactorReceiptStatuses reads the documentation's example report
// with every status of its table.
func TestSMSFactorReceiptStatuses(t *testing.T) {
	p, _ := newSMSFactor(Config{APIKey: "k", CallbackSecret: "s3cret", Now: time.Now})
	want := map[string]Status{"0": "sending", "1": "sending", "2": "temporary-failure", "3": "delivered", "4": "permanent-failure",
		"5": "permanent-failure", "6": "technical-failure", "7": "temporary-failure", "9": "permanent-failure", "11": "temporary-failure", "12": "temporary-failure"}
	for code, status := range want {
		body := `{"date": "2018-01-16T11:55:12+01:00", "status": ` + code + `, "destination": "33612345678", "message_id": "621277", "campaign_id": "15948909", "country_code": "FR"}`
		got, err := p.Receipts(receiptRequest(body))
		if err != nil || len(got) != 1 {
			t.Fatalf("status %s: %+v, %v", code, got, err)
		}
		r := got[0]
		if r.Status != status || r.ProviderID != "15948909" || r.Key != "621277" || !r.At.Equal(time.Date(2018, 1, 16, 10, 55, 12, 0, time.UTC)) {
			t.Errorf("status %s: %+v", code, r)
		}
	}
	for _, body := range []string{`{"status": 8}`, `not json`, ``} {
		if _, err := p.Receipts(receiptRequest(body)); err == nil {
			t.Errorf("%q accepted", body)
		}
	}
	get := httptest.NewRequest(http.MethodGet, "/sms/receipts?secret=s3cret", nil)
	if _, err := p.Receipts(get); err == nil {
		t.Error("a GET was read as a receipt")
	}
}

// TestBrevoReceipts reads the documentation's example event, a batch, and
// skips events that are not about delivery.
func TestBrevoReceipts(t *testing.T) {
	p, _ := newBrevo(Config{APIKey: "k", CallbackSecret: "s3cret", Now: time.Now})
	doc := `{"id": 26570, "to": "918076001713", "sms_count": 1, "credits_used": 1.5, "messageId": 1511882900176220,
		"remaining_credit": 11488.845, "msg_status": "delivered", "date": "2024-07-01 10:00:00", "type": "transactional", "reference": "ab1cde2fgh3i4jklmno"}`
	got, err := p.Receipts(receiptRequest(doc))
	if err != nil || len(got) != 1 {
		t.Fatalf("%+v, %v", got, err)
	}
	// 10:00 in Paris in July is 08:00 UTC; the id keeps all its digits.
	if r := got[0]; r.ProviderID != "1511882900176220" || r.Status != StatusDelivered || !r.At.Equal(time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("%+v", r)
	}
	batch := `[{"messageId": 1, "msg_status": "sent", "tag": "a"}, {"messageId": 2, "msg_status": "reply"}, {"messageId": 3, "msg_status": "soft_bounce", "ts_event": 1604933654}, {"messageId": 4, "msg_status": "hard_bounce"}]`
	got, err = p.Receipts(receiptRequest(batch))
	if err != nil || len(got) != 3 {
		t.Fatalf("%+v, %v", got, err)
	}
	if got[0].Status != StatusSending || got[0].Key != "a" || got[1].Status != StatusTemporaryFailure ||
		!got[1].At.Equal(time.Unix(1604933654, 0)) || got[2].Status != StatusPermanentFailure {
		t.Errorf("%+v", got)
	}
	if _, err := p.Receipts(receiptRequest(`{"msg_status": "delivered"}`)); err == nil {
		t.Error("an event without messageId was accepted")
	}
}

// TestSMSFactorAnswers reads every documented request status.
func TestSMSFactorAnswers(t *testing.T) {
	cases := []struct {
		a                   smsFactorAnswer
		ok, temporary, perm bool
	}{
		{smsFactorAnswer{Status: 1, Ticket: []byte(`"14672468"`), Sent: 1}, true, false, false},
		{smsFactorAnswer{Status: -8, Ticket: []byte(`"1"`), Sent: 1}, true, false, false},
		{smsFactorAnswer{Status: 1, Invalid: 1}, false, false, true},
		{smsFactorAnswer{Status: 1, Blacklisted: 1}, false, false, true},
		{smsFactorAnswer{Status: 1, NPAI: 1}, false, false, true},
		{smsFactorAnswer{Status: 1, Flood: 1}, false, true, false},
		{smsFactorAnswer{Status: 1, CountryLimit: 1}, false, true, false},
		{smsFactorAnswer{Status: -1}, false, false, false},
		{smsFactorAnswer{Status: -3}, false, true, false},
		{smsFactorAnswer{Status: -6}, false, false, false},
		{smsFactorAnswer{Status: -7}, false, false, true},
		{smsFactorAnswer{Status: -99}, false, true, false},
	}
	for _, c := range cases {
		sent, err := c.a.result("smsfactor")
		if (err == nil) != c.ok || IsTemporary(err) != c.temporary || IsPermanent(err) != c.perm {
			t.Errorf("%+v: %+v, %v", c.a, sent, err)
		}
		if c.ok && (sent.ProviderID == "" || sent.Status != StatusSending) {
			t.Errorf("%+v: %+v", c.a, sent)
		}
	}
}

func FuzzReceipts(f *testing.F) {
	f.Add(`{"date": "2018-01-16T11:55:12+01:00", "status": 3, "destination": "33612345678", "message_id": "1", "campaign_id": "2"}`)
	f.Add(`{"messageId": 1511882900176220, "msg_status": "delivered", "date": "2024-07-01 10:00:00", "tag": "k"}`)
	f.Add(`[{"messageId": 1, "msg_status": "sent"}, {"messageId": 2, "msg_status": "hard_bounce", "ts_event": 1}]`)
	f.Add(`{"status": "3", "campaign_id": 15948909}`)
	known := map[Status]bool{StatusSending: true, StatusDelivered: true, StatusTemporaryFailure: true,
		StatusPermanentFailure: true, StatusTechnicalFailure: true}
	factor, _ := newSMSFactor(Config{APIKey: "k", CallbackSecret: "s3cret", Now: time.Now})
	brevo, _ := newBrevo(Config{APIKey: "k", CallbackSecret: "s3cret", Now: time.Now})
	f.Fuzz(func(t *testing.T, body string) {
		for _, p := range []Provider{factor, brevo} {
			got, err := p.Receipts(receiptRequest(body))
			if err != nil {
				continue
			}
			for _, r := range got {
				if !known[r.Status] || r.ProviderID == "" || r.At.IsZero() {
					t.Fatalf("%s read %q as %+v", p.Name(), body, r)
				}
			}
		}
	})
}
