// Package notify tells people things: it owns the notification templates of
// each organisation, each person's preferences (channels, confirmed phone,
// no SMS at night), the messages sent with their delivery statuses, and the
// collective sends of an agent's CSV. E-mails go out through internal/mail,
// SMS through internal/sms, each message as a durable job (internal/jobs).
//
// # For the modules that notify (dossiers, mediation…)
//
// A module calls Service.Notify with an Event in the transaction of the
// change that causes it, so that the message exists exactly when the change
// does:
//
//	err := db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
//		// … the dossier's own writes, joining tx …
//		return notifier.Notify(ctx, notify.Event{
//			Kind:           notify.DossierReceived,
//			OrgID:          d.OrgID,
//			Recipient:      notify.Recipient{UserID: d.OwnerID},
//			Data:           map[string]string{"reference": d.Reference, "procedure": p.Title, "link": url, "feedback_link": avis},
//			IdempotencyKey: "dossier-" + d.Reference + "-received",
//		})
//	})
//
// Each Kind lists the Data it needs (Fields): Notify refuses an event that
// lacks one, so no message ever goes out with "((reference))" in it. The
// Recipient is an account (its preferences decide the channels), a raw
// e-mail address or phone number (collective sends, people without an
// account), or a help structure carrying the message for a person (HelpOrgID
// and ForPerson: the structure's mediators receive it by e-mail). The
// IdempotencyKey makes Notify at most once: a second call with the same key
// stores nothing. Legal marks a notice that goes out by e-mail even to a
// person who chose no notification.
//
// # Statuses and crashes: each message sent at most once
//
// A message is stored as created, with its job; the job marks it sending in
// a commit of its own, then hands it to the provider with the message's key
// and records the answer: the provider's id and sending (its receipts, see
// Service.Receipts, tell the rest), delivered (an e-mail the SMTP server
// accepted, an outbox file), or a failure. Temporary failures (a provider
// busy, an SMTP 4xx) are retried with the jobs' backoff; permanent ones (a
// number refused, an SMTP 5xx) stop; a technical failure is what is left
// when every attempt failed.
//
// Decision: a message is delivered at most once per idempotency key, even
// when a node dies while sending; we never resend blindly. A message found
// in sending without a provider id is unknown: its worker died during the
// call (SIGKILL, the job's lease expired and another worker took it), or
// the connection broke after the request left (sms.Error.Unsure). Neither
// SMSFactor nor Brevo documents deduplicating on the client reference we
// give them (gsmsmsid, tag), so sending again could put the message twice
// on a person's phone. Instead, the provider is asked whether it holds the
// key (sms.Finder, mail.Finder): Brevo lists its SMS events by tag, the
// outboxes look for their file. Found, the message is recorded with the
// provider's id and not sent; not found, it is sent, which is safe because
// the request that may have carried it is over: its client gave up (its
// timeout is fifteen seconds) or died a minute ago (the lease). A provider that cannot be asked (SMSFactor, an SMTP
// server) leaves an unknown message a technical failure, which the agent
// sees, rather than risk a copy. Only the sends that were in flight at the
// instant of a crash can be unknown: a collective chunk is marked sending
// by rounds of batchConcurrency, just before their calls.
//
// Measured (SIGKILL of `guichet serve` after about a third of 3,000 SMS,
// then a restart; cmd/guichet TestCollectiveSendSurvivesSIGKILL, against
// the simulator, which does not deduplicate; five runs on SQLite and
// PostgreSQL): with Brevo, each of the 3,000 delivered exactly once, 0
// twice, 0 lost; with SMSFactor, 0 twice, and the 27 to 63 messages in
// flight at the kill (never more than the 4 workers × 16 of a round) left
// technical failures, of which 0 to 32 had not reached it. Queued and
// handed to the simulator over HTTP: 56,700 messages a minute on SQLite on
// two shared cores (BenchmarkQueueAndHandToSimulator, 20,000 messages).
//
// Collective sends are spread over time by the organisation's rate limit
// (messages per minute on each channel, which its administrator sets with
// SetRateLimit): each message gets its slot when the
// batch is stored and the queue drains in the background. Their messages go
// out by chunks of up to 100 per job (BatchJobKind), each message keeping its
// own row, key, status and crash handling, so that 50,000 messages do not
// cost the queue 50,000 claims. Individual event messages (one job each) are
// not held back by the rate limit, so that a receipt never waits behind a
// mass mailing.
//
// The person's page lists what was sent to them (SentTo); a confirmation
// code leaves the stored text once sent, as only its hash is kept.
package notify
