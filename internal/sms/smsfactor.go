package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SMSFactor (smsfactor.com, a French provider) as documented at
// https://dev.smsfactor.com/en/api/sms/getting-started (base URL, bearer
// authentication, request statuses), .../sms/send/send-campaign (POST /send
// with a JSON body, the "gsmsmsid" id of ours, "unicode") and
// .../sms/webhook/delivery-report (the DLR webhook's JSON and statuses).
//
// Its delivery-report webhook is set in the SMSFactor dashboard and carries
// no signature, so the address given there must hold the callback secret:
// https://guichet.example/…?secret=SECRET. A report without it is refused.
type smsFactor struct {
	cfg  Config
	base string
}

// smsFactorBaseURL is the production API.
const smsFactorBaseURL = "https://api.smsfactor.com"

func newSMSFactor(cfg Config) (Provider, error) {
	if cfg.APIKey == "" {
		return nil, fmt.Errorf("sms: smsfactor needs an API token")
	}
	base := cfg.BaseURL
	if base == "" {
		base = smsFactorBaseURL
	}
	return &smsFactor{cfg: cfg, base: strings.TrimRight(base, "/")}, nil
}

func (p *smsFactor) Name() string { return ProviderSMSFactor }

// smsFactorCampaign is the body of POST /send.
type smsFactorCampaign struct {
	SMS struct {
		Message struct {
			Text     string `json:"text"`
			PushType string `json:"pushtype"`
			Sender   string `json:"sender,omitempty"`
			Unicode  int    `json:"unicode"`
		} `json:"message"`
		Recipients struct {
			GSM []smsFactorRecipient `json:"gsm"`
		} `json:"recipients"`
	} `json:"sms"`
}

type smsFactorRecipient struct {
	ID    string `json:"gsmsmsid"`
	Value string `json:"value"`
}

// smsFactorAnswer is SMSFactor's answer to a send. "status" is 1 when the
// campaign was created; "sent" counts the numbers left after its filters
// (blacklisted, invalid, "npai", not allowed, anti-flood, country limit).
type smsFactorAnswer struct {
	Status       int             `json:"status"`
	Message      string          `json:"message"`
	Ticket       json.RawMessage `json:"ticket"`
	Sent         int             `json:"sent"`
	Blacklisted  int             `json:"blacklisted"`
	Invalid      int             `json:"invalid"`
	NPAI         int             `json:"npai"`
	NotAllowed   int             `json:"not_allowed"`
	Flood        int             `json:"flood"`
	CountryLimit int             `json:"country_limit"`
}

// Send posts a one-recipient campaign. "alert" is the push type for
// non-marketing messages (sent at any hour, no STOP mention added).
func (p *smsFactor) Send(ctx context.Context, m Message) (Sent, error) {
	to, err := internationalDigits(m.To)
	if err != nil {
		return Sent{}, &Error{Provider: p.Name(), Permanent: true, Err: err}
	}
	var body smsFactorCampaign
	body.SMS.Message.Text = m.Body
	body.SMS.Message.PushType = "alert"
	body.SMS.Message.Sender = p.sender(m)
	if !IsGSM(m.Body) {
		body.SMS.Message.Unicode = 1
	}
	body.SMS.Recipients.GSM = []smsFactorRecipient{{ID: m.Key, Value: to}}
	status, answer, err := postJSON(ctx, p.cfg.HTTPClient, p.Name(), p.base+"/send",
		map[string]string{"Authorization": "Bearer " + p.cfg.APIKey}, body)
	if err != nil {
		return Sent{}, err
	}
	if status != http.StatusOK {
		return Sent{}, httpFailure(p.Name(), status, "", strings.TrimSpace(string(answer)))
	}
	var a smsFactorAnswer
	if err := json.Unmarshal(answer, &a); err != nil {
		return Sent{}, &Error{Provider: p.Name(), HTTPStatus: status, Unsure: true, Message: "unreadable answer", Err: err}
	}
	return a.result(p.Name())
}

func (p *smsFactor) sender(m Message) string {
	if m.Sender != "" {
		return m.Sender
	}
	return p.cfg.Sender
}

// result reads an answer: the request statuses of the "Getting started"
// page, then the filters' counts when the campaign was created.
func (a smsFactorAnswer) result(provider string) (Sent, error) {
	code := strconv.Itoa(a.Status)
	fail := func(temporary, permanent bool, msg string) (Sent, error) {
		return Sent{}, &Error{Provider: provider, Temporary: temporary, Permanent: permanent,
			HTTPStatus: http.StatusOK, Code: code, Message: msg}
	}
	switch a.Status {
	case 1, -8:
		// -8 is "under moderation": the documentation insists the message
		// will go once accepted and must not be sent again.
	case -3: // not enough credits: sends resume once the account is topped up
		return fail(true, false, a.Message)
	case -7: // data error: the number or the text is refused
		return fail(false, true, a.Message)
	case -99: // unknown error on their side
		return fail(true, false, a.Message)
	default: // -1 authentication, -2 XML, -4 date, -5 not found, -6 JSON: ours to fix
		return fail(false, false, a.Message)
	}
	ticket := strings.Trim(string(a.Ticket), `"`)
	if a.Sent > 0 {
		return Sent{ProviderID: ticket, Status: StatusSending}, nil
	}
	switch {
	case a.Flood > 0 || a.CountryLimit > 0:
		return fail(true, false, "filtered by the anti-flood or the country's monthly limit")
	case a.Blacklisted > 0 || a.Invalid > 0 || a.NPAI > 0 || a.NotAllowed > 0:
		return fail(false, true, "number refused (blacklisted, invalid, unreachable or country not allowed)")
	case a.Status == -8:
		return Sent{ProviderID: ticket, Status: StatusSending}, nil
	}
	return fail(false, false, "campaign created with no message in it")
}

// smsFactorDLR is the JSON body of a delivery report.
type smsFactorDLR struct {
	Date        string          `json:"date"`
	Status      json.Number     `json:"status"`
	Destination string          `json:"destination"`
	MessageID   string          `json:"message_id"`
	CampaignID  json.RawMessage `json:"campaign_id"`
}

// smsFactorStatuses maps the delivery-report statuses to ours. A message
// "sent, not delivered yet", refused by a network in trouble or expired
// (the phone stayed off) is a temporary failure; a destination, sender or
// content refused is permanent.
var smsFactorStatuses = map[string]Status{
	"0":  StatusSending,          // NOT_SENT, not sent yet
	"1":  StatusSending,          // SENT, no report yet
	"2":  StatusTemporaryFailure, // NOT_DELIVERED
	"3":  StatusDelivered,        // DELIVERED
	"4":  StatusPermanentFailure, // NOT_ALLOWED
	"5":  StatusPermanentFailure, // INVALID_DESTINATION
	"6":  StatusTechnicalFailure, // INVALID_SENDER: our configuration
	"7":  StatusTemporaryFailure, // ROUTE_NOT_AVAILABLE
	"9":  StatusPermanentFailure, // REJECTED
	"11": StatusTemporaryFailure, // NETWORK_ERROR
	"12": StatusTemporaryFailure, // EXPIRED
}

// Receipts authenticates then reads one delivery report.
func (p *smsFactor) Receipts(r *http.Request) ([]Receipt, error) {
	if !callbackAuthenticated(r, p.cfg.CallbackSecret) {
		return nil, ErrUnauthenticated
	}
	body, err := readCallback(r)
	if err != nil {
		return nil, err
	}
	var d smsFactorDLR
	if err := json.Unmarshal(body, &d); err != nil {
		return nil, fmt.Errorf("sms: smsfactor delivery report: %w", err)
	}
	status, ok := smsFactorStatuses[d.Status.String()]
	if !ok {
		return nil, fmt.Errorf("sms: smsfactor delivery report: unknown status %q", d.Status)
	}
	id := strings.Trim(string(d.CampaignID), `"`)
	if id == "" || id == "null" {
		return nil, fmt.Errorf("sms: smsfactor delivery report without a campaign_id")
	}
	at, err := time.Parse(time.RFC3339, d.Date)
	if err != nil {
		at = p.cfg.Now()
	}
	return []Receipt{{
		ProviderID: id,
		Key:        d.MessageID,
		Status:     status,
		At:         at.UTC(),
	}}, nil
}
