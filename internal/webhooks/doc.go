// Package webhooks owns the webhooks of organisations: the addresses
// (endpoints) where an administration's own systems receive the events of
// its dossiers (dossier.submitted, dossier.state_changed, dossier.message,
// dossier.corrected) and of the changes people declare once
// (profile.changed), and the deliveries of those events.
//
// Deliveries follow the Standard Webhooks specification: a JSON body
// {"type", "timestamp", "data"} POSTed with the headers webhook-id (the
// same for every try of one event), webhook-timestamp (the time of the
// try) and webhook-signature ("v1," then the base64 HMAC-SHA256, under the
// endpoint's secret, of id.timestamp.body). The secret is shown once as
// "whsec_" and its base64, and kept sealed with the instance key.
//
// Publish stores one delivery and one durable job per matching endpoint in
// the transaction of the change that caused the event, so that an event
// exists exactly when its change does. A failed try (no answer, a timeout,
// a status other than 2xx) is tried again with exponential backoff for
// three days; every try is recorded, and an administrator sees them and
// may send a delivery again. Addresses on loopback, private or link-local
// networks are refused unless the instance allows them (for tests and
// development): checked when an endpoint is registered and again on the
// address actually dialled, so that a name that later resolves inside the
// network is refused too.
package webhooks
