// Package smstest is a provider simulator for tests: one HTTP server that
// answers like SMSFactor (POST /send) and like Brevo (POST
// /v3/transactionalSMS/send), can be told to accept, refuse, time out or
// fail temporarily, and sends delivery receipts in each provider's format,
// on demand or after a delay, to the callback address each provider would
// use. It speaks the formats package sms implements, written here a second
// time from the same documentation so that the two check each other.
package smstest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Mode is how the simulator answers the next sends.
type Mode int

// The modes.
const (
	// Accept takes the message and answers with an id.
	Accept Mode = iota
	// Refuse rejects the number: SMSFactor answers status 1 with the number
	// counted "invalid", Brevo a 400 invalid_parameter.
	Refuse
	// FailTemporarily answers 503 Service Unavailable.
	FailTemporarily
	// RateLimit answers 429 Too Many Requests.
	RateLimit
	// Timeout never answers: the request hangs until the client gives up.
	Timeout
	// LoseAnswer takes the message, then never answers, as when the
	// connection breaks after the provider took the request: the client
	// cannot tell whether it was sent.
	LoseAnswer
)

// Outcome is what a delivery receipt says happened.
type Outcome int

// The outcomes.
const (
	Delivered Outcome = iota
	// Bounced is a permanent refusal (hard bounce, invalid destination).
	Bounced
	// Expired is a temporary failure (soft bounce, phone off too long).
	Expired
)

// Provider names, as package sms spells them.
const (
	SMSFactor = "smsfactor"
	Brevo     = "brevo"
)

// Received is a message the simulator accepted.
type Received struct {
	Provider   string
	ProviderID string
	Key        string // gsmsmsid for SMSFactor, tag for Brevo
	To         string
	Sender     string
	Text       string
	Unicode    bool
	Callback   string // where receipts for it go
	At         time.Time
}

// Server is a running simulator.
type Server struct {
	*httptest.Server
	// Token is the API key both providers' requests must carry.
	Token string

	mu     sync.Mutex
	mode   Mode
	nextID int
	msgs   []Received
	// smsFactorDLR is SMSFactor's webhook address, set in its dashboard.
	smsFactorDLR string
	receiptDelay time.Duration
	outcome      Outcome
	receiptErrs  []error
	hang         chan struct{}
	timers       []*time.Timer
}

// New starts a simulator that requires token; Close stops it.
func New(token string) *Server {
	s := newServer(token)
	s.Server.Start()
	return s
}

// NewOn starts a simulator that requires token on l, a fixed address that
// processes started before it (a cluster's nodes) were given.
func NewOn(token string, l net.Listener) *Server {
	s := newServer(token)
	s.Server.Listener.Close()
	s.Server.Listener = l
	s.Server.Start()
	return s
}

func newServer(token string) *Server {
	s := &Server{Token: token, nextID: 100000, hang: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /send", s.smsFactorSend)
	mux.HandleFunc("POST /v3/transactionalSMS/send", s.brevoSend)
	mux.HandleFunc("GET /v3/transactionalSMS/statistics/events", s.brevoEvents)
	s.Server = httptest.NewUnstartedServer(mux)
	return s
}

// Close releases hanging requests and pending receipts, then stops.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.hang:
	default:
		close(s.hang)
	}
	for _, t := range s.timers {
		t.Stop()
	}
	s.mu.Unlock()
	s.Server.Close()
}

// SetMode sets how the next sends are answered.
func (s *Server) SetMode(m Mode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode = m
}

// SetSMSFactorWebhook sets the delivery-report address of the SMSFactor
// account (what an operator types in its dashboard).
func (s *Server) SetSMSFactorWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.smsFactorDLR = url
}

// ReceiptsAfter makes every accepted message get a receipt with outcome
// after delay, as a real provider calls back some seconds later; 0 (the
// default) sends none until SendReceipts.
func (s *Server) ReceiptsAfter(delay time.Duration, outcome Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.receiptDelay, s.outcome = delay, outcome
}

// Messages lists the accepted messages, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// Len is how many messages were accepted, without copying them.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.msgs)
}

// Duplicates lists the idempotency keys accepted more than once, each
// once, in the order their second copy came: a message delivered twice.
func (s *Server) Duplicates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := make(map[string]int, len(s.msgs))
	var dups []string
	for _, m := range s.msgs {
		seen[m.Key]++
		if seen[m.Key] == 2 {
			dups = append(dups, m.Key)
		}
	}
	return dups
}

// ReceiptErrors lists the failures of receipts sent after a delay.
func (s *Server) ReceiptErrors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.receiptErrs...)
}

// accept records m, gives it an id and schedules its receipt.
func (s *Server) accept(m Received) Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	m.ProviderID = strconv.Itoa(s.nextID)
	m.At = time.Now()
	s.msgs = append(s.msgs, m)
	if s.receiptDelay > 0 {
		outcome := s.outcome
		s.timers = append(s.timers, time.AfterFunc(s.receiptDelay, func() {
			if err := SendReceipt(context.Background(), m, outcome); err != nil {
				s.mu.Lock()
				s.receiptErrs = append(s.receiptErrs, err)
				s.mu.Unlock()
			}
		}))
	}
	return m
}

// hangUntilGone holds a request until its client gives up or the server
// closes.
func (s *Server) hangUntilGone(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.hang:
	}
}

// modeOr answers the request itself for every mode but Accept, Refuse and
// LoseAnswer,
// and reports whether the caller still has to answer.
func (s *Server) modeOr(w http.ResponseWriter, r *http.Request) (Mode, bool) {
	s.mu.Lock()
	mode := s.mode
	s.mu.Unlock()
	switch mode {
	case FailTemporarily:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return mode, false
	case RateLimit:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
		return mode, false
	case Timeout:
		s.hangUntilGone(r)
		return mode, false
	}
	return mode, true
}

// SendReceipts posts one receipt with outcome for every message accepted
// so far, each in its provider's format, to its callback address.
func (s *Server) SendReceipts(ctx context.Context, outcome Outcome) error {
	for _, m := range s.Messages() {
		if err := SendReceipt(ctx, m, outcome); err != nil {
			return err
		}
	}
	return nil
}

// SendReceipt posts m's receipt with outcome to m.Callback.
func SendReceipt(ctx context.Context, m Received, outcome Outcome) error {
	if m.Callback == "" {
		return fmt.Errorf("smstest: no callback address for message %s", m.ProviderID)
	}
	body, err := ReceiptBody(m, outcome)
	if err != nil {
		return err
	}
	return Post(ctx, m.Callback, body)
}

// Post sends a receipt body to url and expects a 2xx answer.
func Post(ctx context.Context, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("smstest: receipt to %s answered %s", url, resp.Status)
	}
	return nil
}

// ReceiptBody is m's receipt with outcome in its provider's format.
func ReceiptBody(m Received, outcome Outcome) ([]byte, error) {
	switch m.Provider {
	case SMSFactor:
		status := map[Outcome]int{Delivered: 3, Bounced: 5, Expired: 12}[outcome]
		return json.Marshal(map[string]any{
			"date": m.At.Add(3 * time.Second).Format(time.RFC3339), "status": status,
			"destination": m.To, "message_id": m.Key, "campaign_id": m.ProviderID, "country_code": "FR",
		})
	case Brevo:
		status := map[Outcome]string{Delivered: "delivered", Bounced: "hard_bounce", Expired: "soft_bounce"}[outcome]
		id, _ := strconv.ParseInt(m.ProviderID, 10, 64)
		return json.Marshal(map[string]any{
			"id": 26570, "to": m.To, "sms_count": 1, "credits_used": 1.5, "messageId": id,
			"remaining_credit": 1000.5, "msg_status": status, "type": "transactional",
			"date":      m.At.Add(3 * time.Second).In(paris).Format(time.DateTime),
			"reference": "sim" + m.ProviderID, "tag": m.Key,
		})
	}
	return nil, fmt.Errorf("smstest: unknown provider %q", m.Provider)
}

// paris is the zone of Brevo's "date" field.
var paris = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Paris"); err == nil {
		return l
	}
	return time.FixedZone("CET", 3600)
}()

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
