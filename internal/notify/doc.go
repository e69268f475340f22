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
// # Statuses and crashes
//
// A message is stored as created, with its job; the job marks it sending,
// hands it to the provider with the message's key, then records delivered or
// a failure (temporary failures are retried with the jobs' backoff; a
// technical failure is what is left when every attempt failed). Delivery
// receipts from the SMS provider (Service.Receipts) move it on. When a node
// dies while sending, the job's lease expires and another worker finds the
// message in sending: if the provider had answered (provider id recorded),
// nothing is sent again; otherwise it is handed to the provider again with
// the same idempotency key, which the providers, the outbox and the
// simulator use to accept it only once. Without a provider that honours the
// key, a crash in that very window could send twice; we prefer that to
// losing a message about a person's rights.
//
// Measured (SIGKILL of `guichet serve` halfway through 3,000 SMS, see
// cmd/guichet TestCollectiveSendSurvivesSIGKILL): nothing lost, and only the
// sends in flight at the instant of the kill went again (47 of them), each
// with its key.
//
// Collective sends are spread over time by the organisation's rate limit
// (messages per minute, SetRateLimit): each message gets its slot when the
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
