package notify

import (
	"context"
	"errors"
	"fmt"
	"regexp"

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
	switch m.Status {
	case StatusDelivered, StatusPermanentFailure, StatusTechnicalFailure:
		return nil // settled: a job run again after its outcome was lost
	case StatusSending:
		if m.ProviderID != "" {
			return nil // the provider took it; its receipt will tell the rest
		}
		// Marked sending by a worker that died before the provider's
		// answer was recorded: hand it over again with the same key.
	}
	if err := s.markSending(ctx, m.ID); err != nil {
		return err
	}
	providerID, status, sendErr := s.deliver(ctx, m)
	last := j.Attempt >= s.max
	switch {
	case sendErr == nil:
		err = s.setStatus(ctx, s.db, m.ID, status, providerID, "")
	case errors.Is(sendErr, errNotConfigured):
		err = s.setStatus(ctx, s.db, m.ID, StatusCreated, "", sendErr.Error())
	case status == StatusPermanentFailure:
		// Retrying cannot help, and the job is not to blame: it is done.
		return s.setStatus(ctx, s.db, m.ID, status, "", sendErr.Error())
	case last:
		return errors.Join(s.setStatus(ctx, s.db, m.ID, StatusTechnicalFailure, "", sendErr.Error()), jobs.Permanent(sendErr))
	default:
		err = s.setStatus(ctx, s.db, m.ID, StatusTemporaryFailure, "", sendErr.Error())
	}
	if err != nil {
		return err
	}
	if m.Event == "phone_code" && sendErr == nil {
		// The code is kept as a hash only: take it out of the stored text.
		_, err = s.db.ExecContext(ctx, `UPDATE notify_messages SET body = $1 WHERE id = $2`,
			codeRE.ReplaceAllString(m.Body, "••••••"), m.ID)
		return err
	}
	return sendErr // nil, or an error the jobs retry with backoff
}

var codeRE = regexp.MustCompile(`\b[0-9]{6}\b`)

const markSendingSQL = `UPDATE notify_messages SET status = 'sending', attempts = attempts + 1, updated_at = $1
WHERE id = $2`

// markSending is committed before the provider is called, so that a crash
// leaves the trace the next worker reads.
func (s *Service) markSending(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, markSendingSQL, s.now(), id); err != nil {
		return fmt.Errorf("mark message %d sending: %w", id, err)
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
		err := s.mail.Send(ctx, mail.Message{To: m.Recipient, Subject: m.Subject, Body: m.Body}, m.Key)
		switch {
		case err == nil:
			// A mail server gives no delivery receipt: accepted is as far as we see.
			return "", StatusDelivered, nil
		case jobs.IsPermanent(err):
			return "", StatusPermanentFailure, err
		}
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
