package mail

import (
	"context"
	"errors"

	"guichet/internal/database"
	"guichet/internal/jobs"
	"guichet/internal/secretbox"
)

// JobKind is the kind of the jobs that send e-mails.
const JobKind = "mail.send"

// Enqueue stores the message as a job in tx with the given idempotency key,
// so that it is sent once the transaction commits, and never twice for the
// same key. The key is prefixed with JobKind, so the job that enqueues a
// message may give it its own key. An invalid message is refused here
// already, with an errs.Invalid error that says what to fix.
func Enqueue(ctx context.Context, tx database.Querier, m Message, key string) error {
	return enqueue(ctx, tx, m, key, nil)
}

// EnqueueSealed is Enqueue for a message that must not be readable in the
// jobs table while it waits (a link that signs in or resets a password):
// it is sealed with box, which the queue that sends it must hold too
// (jobs.Options.Box).
func EnqueueSealed(ctx context.Context, tx database.Querier, box *secretbox.Box, m Message, key string) error {
	if box == nil {
		return errors.New("mail: enqueue sealed without a key")
	}
	return enqueue(ctx, tx, m, key, box)
}

func enqueue(ctx context.Context, tx database.Querier, m Message, key string, box *secretbox.Box) error {
	if key == "" {
		return errors.New("mail: enqueue without an idempotency key")
	}
	if err := validate(m); err != nil {
		return err
	}
	_, err := jobs.Enqueue(ctx, tx, JobKind, m, jobs.EnqueueOptions{Key: JobKind + ":" + key, Seal: box})
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
