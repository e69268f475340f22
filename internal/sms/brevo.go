package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Brevo (formerly Sendinblue, French) transactional SMS, as documented at
// https://developers.brevo.com/docs/transactional-sms-endpoints (POST
// /v3/transactionalSMS/send, the "api-key" header, the body's sender,
// recipient, content, type, tag, webUrl, unicodeEnabled; the answer
// {"messageId": …}; the older /v3/transactionalSMS/sms is deprecated per
// https://developers.brevo.com/changelog/deprecated-endpoint-post-v3transactionalsmssms),
// the API v3 OpenAPI description behind https://developers.brevo.com/reference
// (errors as {"code", "message"}; 400 bad request, 401 authentication,
// 402 not enough credit, 403 permission denied), the rate limits page
// https://developers.brevo.com/docs/api-limits (429 Too Many Requests), https://developers.brevo.com/docs/transactional-webhooks
// (the SMS events' JSON: messageId, msg_status sent/delivered/soft_bounce/
// hard_bounce, date in CET/CEST, to, reference, tag) and
// https://developers.brevo.com/docs/username-and-password-authentication
// (webhooks authenticated by basic auth in the URL or a bearer token).
//
// Each message names its receipt address (webUrl): CallbackURL with the
// secret added, so no dashboard setup is needed.
type brevo struct {
	cfg     Config
	base    string
	webhook string
}

// brevoBaseURL is the production API.
const brevoBaseURL = "https://api.brevo.com"

func newBrevo(cfg Config) (Provider, error) {
	if cfg.APIKey == "" {
		return nil, fmt.Errorf("sms: brevo needs an API key")
	}
	base := cfg.BaseURL
	if base == "" {
		base = brevoBaseURL
	}
	p := &brevo{cfg: cfg, base: strings.TrimRight(base, "/")}
	if cfg.CallbackURL != "" {
		if cfg.CallbackSecret == "" {
			return nil, fmt.Errorf("sms: a callback address needs a callback secret")
		}
		hook, err := withSecret(cfg.CallbackURL, cfg.CallbackSecret)
		if err != nil {
			return nil, err
		}
		p.webhook = hook
	}
	return p, nil
}

func (p *brevo) Name() string { return ProviderBrevo }

// brevoSMS is the body of POST /v3/transactionalSMS/send. The tag carries
// our idempotency key so that the events name it back.
type brevoSMS struct {
	Sender         string `json:"sender"`
	Recipient      string `json:"recipient"`
	Content        string `json:"content"`
	Type           string `json:"type"`
	Tag            string `json:"tag,omitempty"`
	WebURL         string `json:"webUrl,omitempty"`
	UnicodeEnabled bool   `json:"unicodeEnabled"`
}

// Send posts one transactional SMS.
func (p *brevo) Send(ctx context.Context, m Message) (Sent, error) {
	to, err := internationalDigits(m.To)
	if err != nil {
		return Sent{}, &Error{Provider: p.Name(), Permanent: true, Err: err}
	}
	sender := m.Sender
	if sender == "" {
		sender = p.cfg.Sender
	}
	body := brevoSMS{
		Sender: sender, Recipient: to, Content: m.Body, Type: "transactional",
		Tag: m.Key, WebURL: p.webhook, UnicodeEnabled: !IsGSM(m.Body),
	}
	status, answer, err := postJSON(ctx, p.cfg.HTTPClient, p.Name(), p.base+"/v3/transactionalSMS/send",
		map[string]string{"api-key": p.cfg.APIKey}, body)
	if err != nil {
		return Sent{}, err
	}
	if status != http.StatusCreated && status != http.StatusOK {
		var e struct{ Code, Message string }
		json.Unmarshal(answer, &e)
		f := httpFailure(p.Name(), status, e.Code, e.Message)
		if status == http.StatusPaymentRequired {
			// not_enough_credits: sends resume once the account is topped up.
			f.Temporary, f.Permanent = true, false
		}
		return Sent{}, f
	}
	var a struct {
		MessageID json.Number `json:"messageId"`
	}
	d := json.NewDecoder(bytes.NewReader(answer))
	d.UseNumber()
	if err := d.Decode(&a); err != nil || a.MessageID == "" {
		return Sent{}, &Error{Provider: p.Name(), HTTPStatus: status, Unsure: true, Message: "answer without a messageId", Err: err}
	}
	return Sent{ProviderID: a.MessageID.String(), Status: StatusSending}, nil
}

// brevoEvent is one SMS webhook event.
type brevoEvent struct {
	MessageID json.Number `json:"messageId"`
	Status    string      `json:"msg_status"`
	Date      string      `json:"date"`
	TSEvent   int64       `json:"ts_event"`
	Tag       string      `json:"tag"`
	To        string      `json:"to"`
}

// brevoStatuses maps msg_status to ours. Events that say nothing of
// delivery (a reply, an unsubscription) are not receipts and are skipped.
var brevoStatuses = map[string]Status{
	"accepted":    StatusSending,
	"sent":        StatusSending,
	"delivered":   StatusDelivered,
	"soft_bounce": StatusTemporaryFailure,
	"hard_bounce": StatusPermanentFailure,
	"rejected":    StatusPermanentFailure,
	"blocked":     StatusPermanentFailure,
}

// paris is the zone of the events' "date" field.
var paris = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Paris"); err == nil {
		return l
	}
	return time.FixedZone("CET", 3600)
}()

// Receipts authenticates then reads one event, or a batch of them (Brevo's
// batched webhooks post an array).
func (p *brevo) Receipts(r *http.Request) ([]Receipt, error) {
	if !callbackAuthenticated(r, p.cfg.CallbackSecret) {
		return nil, ErrUnauthenticated
	}
	body, err := readCallback(r)
	if err != nil {
		return nil, err
	}
	var events []brevoEvent
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = json.Unmarshal(trimmed, &events)
	} else {
		var e brevoEvent
		err = json.Unmarshal(trimmed, &e)
		events = []brevoEvent{e}
	}
	if err != nil {
		return nil, fmt.Errorf("sms: brevo event: %w", err)
	}
	var out []Receipt
	for _, e := range events {
		status, ok := brevoStatuses[e.Status]
		if !ok {
			continue
		}
		if e.MessageID == "" {
			return nil, fmt.Errorf("sms: brevo event without a messageId")
		}
		out = append(out, Receipt{ProviderID: e.MessageID.String(), Key: e.Tag, Status: status, At: p.eventTime(e)})
	}
	return out, nil
}

// eventTime is when the event happened: ts_event (UTC seconds) when given,
// else the date in Paris time, else now.
func (p *brevo) eventTime(e brevoEvent) time.Time {
	if e.TSEvent > 0 {
		return time.Unix(e.TSEvent, 0).UTC()
	}
	if t, err := time.ParseInLocation(time.DateTime, e.Date, paris); err == nil {
		return t.UTC()
	}
	return p.cfg.Now().UTC()
}
