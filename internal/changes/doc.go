// Package changes owns the changes a person declares once for several
// administrations (Dites-le-nous une fois), a new address first: the
// online procedure changement-adresse (at the town hall) is an ordinary
// dossier; when it is sent, Dispatch records the change under the
// dossier's reference, updates the person's profile and, for each
// administration ticked, a delivery delivered by a durable job.
//
// A delivery puts the change in the administration's agents' queue
// (/espace/{org}/changements); the place where its webhook event
// `profile.changed` will be published, once the webhooks module is there,
// is Options.Publish, called in Dispatch's transaction. The person
// follows each delivery under the one reference: en attente, envoyé,
// reçu (the administration acknowledges through the API, POST
// /api/v1/changes/{id}/ack, or an agent from the queue), échec (the job
// tries again with backoff).
//
// Every delivery and every agent's read of a change is written to the
// person's access log.
package changes
