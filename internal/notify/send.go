package notify

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/sms"
)

// normalizePhone gives a mobile number its international form, or an
// errs.Invalid error whose message says what is wrong in French.
func normalizePhone(phone string) (string, error) {
	n, err := sms.NormalizeMobile(phone)
	if err != nil {
		return "", errs.Wrap(errs.Invalid, err.Error(), err)
	}
	return n, nil
}

// errNotConfigured keeps a message queued in a process that lacks the
// channel's sender: another process (`guichet worker`) may have it.
var errNotConfigured = errors.New("notify: no sender configured for this channel")

// Handle is the job handler of JobKind: it sends one message and records
// its status. See the package comment for what happens after a crash.
func (s *Service) Handle(ctx context.Context, j jobs.Job) error {
	var p sendJob
	if err := j.Decode(&p); err != nil {
		return err
	}
	m, err := s.messageByID(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("read message %d: %w", p.ID, err)
	}
	if settled(m) {
		return nil
	}
	if err := s.markSending(ctx, []int64{m.ID}); err != nil {
		return err
	}
	o := s.sendOnce(ctx, m, j.Attempt >= s.max)
	if err := s.db.Transact(ctx, func(tx *sql.Tx) error { return s.record(ctx, tx, m, o) }); err != nil {
		return err
	}
	return o.jobErr
}

// settled tells whether m needs no send: it reached a final status, or the
// provider took it (its id is recorded) and its receipt will tell the rest.
// A message in sending without a provider id is unknown (see unknown).
func settled(m Message) bool {
	switch m.Status {
	case StatusDelivered, StatusPermanentFailure, StatusTechnicalFailure:
		return true
	case StatusSending:
		return m.ProviderID != ""
	}
	return false
}

// unknown tells whether m was handed to its provider without an answer
// recorded: the worker died during the call, or the call broke after the
// request left. The provider may hold it or not.
func unknown(m Message) bool { return m.Status == StatusSending && m.ProviderID == "" }

// outcome is what one send of a message gave.
type outcome struct {
	status, providerID, errText string
	// jobErr is what the job returns: nil, an error to retry with backoff,
	// or a permanent one.
	jobErr error
}

// errLostAnswer is the error of a message whose fate is unknown and whose
// provider cannot be asked: it is not sent again.
var errLostAnswer = errors.New("the provider's answer was lost (the sending node stopped or the connection broke) " +
	"and this provider cannot be asked whether it took the message: not sent again, so that it is never sent twice")

// sendOnce hands m to its provider, unless m is unknown: then the provider
// is asked first whether it holds the message's key, and m is sent only when
// it does not. A provider that cannot be asked leaves m a technical failure
// rather than risk a second copy. last is true on the job's last attempt,
// when a failure is final.
func (s *Service) sendOnce(ctx context.Context, m Message, last bool) outcome {
	if unknown(m) {
		sent, found, err := s.find(ctx, m)
		switch {
		case errors.Is(err, errCannotAsk):
			return outcome{status: StatusTechnicalFailure, errText: errLostAnswer.Error()}
		case errors.Is(err, errNotConfigured):
			// A process without this channel's sender leaves the question
			// to one that has it.
			return outcome{status: StatusSending, errText: err.Error(), jobErr: err}
		case err != nil && last:
			return outcome{status: StatusTechnicalFailure, errText: err.Error(), jobErr: jobs.Permanent(err)}
		case err != nil:
			// Still unknown: ask again after the backoff.
			return outcome{status: StatusSending, errText: err.Error(), jobErr: err}
		case found:
			return outcome{status: sent.status, providerID: sent.providerID}
		}
	}
	return s.send(ctx, m, last)
}

// found is what a provider holds of a message.
type found struct{ status, providerID string }

// errCannotAsk says that the channel's sender cannot be asked what it holds.
var errCannotAsk = errors.New("notify: this provider cannot be asked for a message by its key")

// find asks m's provider whether it holds m's key.
func (s *Service) find(ctx context.Context, m Message) (found, bool, error) {
	switch {
	case m.Channel == Email && s.mail == nil, m.Channel == SMS && s.sms == nil:
		return found{}, false, errNotConfigured
	}
	switch m.Channel {
	case Email:
		f, ok := s.mail.(mail.Finder)
		if !ok {
			return found{}, false, errCannotAsk
		}
		held, err := f.Holds(ctx, m.Key)
		return found{status: StatusDelivered}, held, err
	case SMS:
		f, ok := s.sms.(sms.Finder)
		if !ok {
			return found{}, false, errCannotAsk
		}
		sent, held, err := f.Find(ctx, m.Key)
		status := string(sent.Status)
		if status == "" || status == StatusCreated {
			status = StatusSending
		}
		return found{status: status, providerID: sent.ProviderID}, held, err
	}
	return found{}, false, errCannotAsk
}

// send hands m to its provider and says what to record.
func (s *Service) send(ctx context.Context, m Message, last bool) outcome {
	providerID, status, err := s.deliver(ctx, m)
	switch {
	case err == nil:
		return outcome{status: status, providerID: providerID}
	case errors.Is(err, errNotConfigured):
		return outcome{status: StatusCreated, errText: err.Error(), jobErr: err}
	case status == StatusPermanentFailure:
		// Retrying cannot help, and the job is not to blame: it is done.
		return outcome{status: status, errText: err.Error()}
	case last && sms.IsUnsure(err):
		return outcome{status: StatusTechnicalFailure, errText: err.Error() + "; " + errLostAnswer.Error(), jobErr: jobs.Permanent(err)}
	case last:
		return outcome{status: StatusTechnicalFailure, errText: err.Error(), jobErr: jobs.Permanent(err)}
	case sms.IsUnsure(err):
		// The provider may hold it: the message stays unknown, and the next
		// attempt asks before sending.
		return outcome{status: StatusSending, errText: err.Error(), jobErr: err}
	}
	return outcome{status: StatusTemporaryFailure, errText: err.Error(), jobErr: err}
}

const hideCodeSQL = `UPDATE notify_messages SET body = $1 WHERE id = $2`

// record writes o for m in tx; a confirmation code leaves the stored text
// once sent, as the code is kept as a hash only.
func (s *Service) record(ctx context.Context, tx querier, m Message, o outcome) error {
	if err := s.setStatus(ctx, tx, m.ID, o.status, o.providerID, o.errText); err != nil {
		return err
	}
	if m.Event == "phone_code" && o.errText == "" {
		_, err := tx.ExecContext(ctx, hideCodeSQL,
			codeRE.ReplaceAllString(m.Body, "••••••"), m.ID)
		return err
	}
	return nil
}

var codeRE = regexp.MustCompile(`\b[0-9]{6}\b`)

// markSending is committed before the provider is called, so that a crash
// leaves the trace the next worker reads: sending without a provider id.
func (s *Service) markSending(ctx context.Context, ids []int64) error {
	list, _ := json.Marshal(ids)
	q := `UPDATE notify_messages SET status = 'sending', attempts = attempts + 1, updated_at = $1
WHERE id IN (SELECT value FROM json_each($2))`
	if s.db.Dialect == database.Postgres {
		q = `UPDATE notify_messages SET status = 'sending', attempts = attempts + 1, updated_at = $1
WHERE id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)`
	}
	if _, err := s.db.ExecContext(ctx, q, s.now(), string(list)); err != nil {
		return fmt.Errorf("mark messages %v sending: %w", ids, err)
	}
	return nil
}

// deliver hands m to its channel's sender with its idempotency key and
// returns the provider's id and the status to record.
func (s *Service) deliver(ctx context.Context, m Message) (string, string, error) {
	switch m.Channel {
	case Email:
		if s.mail == nil {
			return "", "", errNotConfigured
		}
		// The HTML version is made from the text as stored, placeholders
		// already filled, every character escaped (see simpleHTML).
		err := s.mail.Send(ctx, mail.Message{To: m.Recipient, Subject: m.Subject, Body: m.Body, HTML: simpleHTML(m.Body)}, m.Key)
		switch {
		case err == nil:
			// The SMTP server accepted it (or the outbox wrote it); a mail
			// server gives no delivery receipt, so that is delivered.
			return "", StatusDelivered, nil
		case jobs.IsPermanent(err):
			// A 5xx reply: this address or message is refused for good.
			return "", StatusPermanentFailure, err
		}
		// A 4xx reply, or the server out of reach: retried with backoff.
		return "", StatusTemporaryFailure, err
	case SMS:
		if s.sms == nil {
			return "", "", errNotConfigured
		}
		sent, err := s.sms.Send(ctx, sms.Message{Key: m.Key, To: m.Recipient, Body: m.Body})
		if err != nil {
			return "", string(sms.FailureStatus(err)), err
		}
		status := string(sent.Status)
		if status == "" || status == StatusCreated {
			status = StatusSending
		}
		return sent.ProviderID, status, nil
	}
	return "", StatusPermanentFailure, fmt.Errorf("notify: unknown channel %q", m.Channel)
}
