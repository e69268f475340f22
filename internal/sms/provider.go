package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Status is where a message stands, in the words of issue 11 (the same as
// GOV.UK Notify's).
type Status string

// The statuses a message goes through. A provider's own vocabulary is mapped
// onto these by each provider file.
const (
	StatusCreated          Status = "created"
	StatusSending          Status = "sending"
	StatusDelivered        Status = "delivered"
	StatusPermanentFailure Status = "permanent-failure"
	StatusTemporaryFailure Status = "temporary-failure"
	StatusTechnicalFailure Status = "technical-failure"
)

// Message is one SMS to send.
type Message struct {
	// Key is the idempotency key: the same key is one message. The outbox
	// writes it at most once; SMSFactor (gsmsmsid) and Brevo (tag) are given
	// it and name it back in their delivery receipts, but neither documents
	// deduplicating on it, so a send retried after a timeout (the provider
	// may have taken the first) can reach the phone twice: the caller keeps
	// the "sent at most once" promise by recording the attempt before Send
	// and, when the answer was lost, asking the provider (Finder) rather
	// than sending again.
	Key string
	// To is the phone number in international form, +33612345678 (see
	// NormalizePhone).
	To string
	// Body is the text as it is to be read; transliterate it first if wanted.
	Body string
	// Sender is the name shown as the sender (at most 11 letters or digits);
	// empty uses the configured one.
	Sender string
}

// Sent is a provider's answer to an accepted message.
type Sent struct {
	// ProviderID is the provider's own id for the message, which its
	// delivery receipts name.
	ProviderID string
	// Status is StatusSending when the provider took the message, or
	// StatusDelivered when sending is the whole story (the outbox).
	Status Status
}

// Receipt is one delivery receipt a provider calls back with.
type Receipt struct {
	ProviderID string
	// Key is our idempotency key when the provider echoes it, else empty.
	Key    string
	Status Status
	At     time.Time
}

// Provider carries messages to phones.
type Provider interface {
	// Name is the configuration name of the provider ("outbox", "smsfactor",
	// "brevo").
	Name() string
	// Send hands m to the provider. An error is classified by IsTemporary
	// (retry later: a timeout, a 5xx, a rate limit) or IsPermanent (never
	// retry: a refused number, a rejected request); an error that is neither
	// is a technical failure (a bad configuration, an answer we cannot read).
	Send(ctx context.Context, m Message) (Sent, error)
	// Receipts parses a delivery-receipt callback and checks that it comes
	// from the provider (ErrUnauthenticated otherwise). It reads r's body.
	Receipts(r *http.Request) ([]Receipt, error)
}

// Finder is a Provider that can say whether it holds a message sent with a
// given idempotency key: the outbox (its file), Brevo (its SMS events
// filtered by tag). SMSFactor documents no search by our gsmsmsid, so it is
// not one. A caller who lost a provider's answer (its node died, the
// connection broke after the request left) asks Find before sending again.
type Finder interface {
	// Find returns the message sent with key and true, or false when the
	// provider has none. An error means it could not tell (try later).
	Find(ctx context.Context, key string) (Sent, bool, error)
}

// ErrUnauthenticated is returned by Receipts for a callback that does not
// carry the shared secret or signature: the caller answers 401 or 403 and
// changes nothing.
var ErrUnauthenticated = errors.New("sms: delivery receipt not authenticated")

// ErrNoReceipts is returned by Receipts of a provider that never calls back
// (the outbox).
var ErrNoReceipts = errors.New("sms: this provider sends no delivery receipts")

// Error is a failed send, with what the provider said.
type Error struct {
	Provider string
	// Temporary and Permanent classify the failure; both false is a
	// technical failure.
	Temporary, Permanent bool
	// Unsure is set when the request may have reached the provider all the
	// same: the connection broke or timed out after it left, or the answer
	// could not be read. Sending again could deliver the message twice.
	Unsure bool
	// HTTPStatus and Code are what the provider answered, when it answered.
	HTTPStatus int
	Code       string
	Message    string
	Err        error
}

func (e *Error) Error() string {
	s := "sms: " + e.Provider
	if e.HTTPStatus != 0 {
		s += fmt.Sprintf(": HTTP %d", e.HTTPStatus)
	}
	if e.Code != "" {
		s += ": code " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// IsTemporary reports whether err is a failure worth retrying later.
func IsTemporary(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Temporary
}

// IsPermanent reports whether err is a failure that retrying cannot fix.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// IsUnsure reports whether the provider may have taken the message despite
// err (see Error.Unsure).
func IsUnsure(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Unsure
}

// FailureStatus is the status a message takes after Send returned err.
func FailureStatus(err error) Status {
	switch {
	case IsTemporary(err):
		return StatusTemporaryFailure
	case IsPermanent(err):
		return StatusPermanentFailure
	}
	return StatusTechnicalFailure
}
