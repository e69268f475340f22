package mail

import (
	"context"
	"errors"

	"guichet/internal/database"
	"guichet/internal/jobs"
)

// JobKind is the kind of the jobs that send e-mails.
const JobKind = "mail.send"

// Enqueue stores the message as a job in tx with the given idempotency key,
// so that it is sent once the transaction commits, and never twice for the
// same key. The key is prefixed with JobKind, so the job that enqueues a
// message may give it its own key. An invalid message is refused here
// already, with an errs.Invalid error that says what to fix.
func Enqueue(ctx context.Context, tx database.Querier, m Message, key string) error {
	if key == "" {
		return errors.New("mail: enqueue without an idempotency key")
	}
	if err := validate(m); err != nil {
		return err
	}
	_, err := jobs.Enqueue(ctx, tx, JobKind, m, jobs.EnqueueOptions{Key: JobKind + ":" + key})
	return err
}

// Handler returns the job handler that sends queued messages with s; register
// it under JobKind.
func Handler(s Sender) jobs.Handler {
	return func(ctx context.Context, j jobs.Job) error {
		var m Message
		if err := j.Decode(&m); err != nil {
			return err
		}
		return s.Send(ctx, m, j.Key)
	}
}
