package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// brevoFindDays is how far back Find looks: a message whose answer was lost
// is looked for within minutes, but a queue stopped over a weekend may ask
// days later.
const brevoFindDays = 7

// brevoEventKinds maps the "event" of GET
// /v3/transactionalSMS/statistics/events
// (https://developers.brevo.com/reference/get-sms-events) to our statuses;
// an event that says nothing of delivery (a reply) only proves the message
// exists.
var brevoEventKinds = map[string]Status{
	"sent":        StatusSending,
	"accepted":    StatusSending,
	"delivered":   StatusDelivered,
	"softBounce":  StatusTemporaryFailure,
	"softBounces": StatusTemporaryFailure,
	"hardBounce":  StatusPermanentFailure,
	"hardBounces": StatusPermanentFailure,
	"rejected":    StatusPermanentFailure,
	"blocked":     StatusPermanentFailure,
	"skip":        StatusPermanentFailure,
	"skipped":     StatusPermanentFailure,
}

// Find asks Brevo for the SMS events tagged with key (the tag Send gives
// every message): any event means Brevo took the message. The events come
// newest first; the newest that says something of delivery gives the status.
func (p *brevo) Find(ctx context.Context, key string) (Sent, bool, error) {
	q := url.Values{"tags": {key}, "days": {fmt.Sprint(brevoFindDays)}, "limit": {"100"}, "sort": {"desc"}}
	status, answer, err := getJSON(ctx, p.cfg.HTTPClient, p.Name(), p.base+"/v3/transactionalSMS/statistics/events?"+q.Encode(),
		map[string]string{"api-key": p.cfg.APIKey})
	if err != nil {
		return Sent{}, false, err
	}
	if status != http.StatusOK {
		var e struct{ Code, Message string }
		json.Unmarshal(answer, &e)
		return Sent{}, false, httpFailure(p.Name(), status, e.Code, e.Message)
	}
	var report struct {
		Events []struct {
			MessageID json.Number `json:"messageId"`
			Event     string      `json:"event"`
			Tag       string      `json:"tag"`
		} `json:"events"`
	}
	if err := json.Unmarshal(answer, &report); err != nil {
		return Sent{}, false, &Error{Provider: p.Name(), HTTPStatus: status, Message: "unreadable events", Err: err}
	}
	var sent Sent
	found := false
	for _, e := range report.Events {
		if e.Tag != key || e.MessageID == "" {
			continue // a filter by tag may match more loosely than equality
		}
		if !found {
			sent, found = Sent{ProviderID: e.MessageID.String(), Status: StatusSending}, true
		}
		if st, ok := brevoEventKinds[e.Event]; ok {
			sent.Status = st
			break
		}
	}
	return sent, found, nil
}
