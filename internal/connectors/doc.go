// Package connectors defines how Guichet asks an administration for what
// it already knows about a person (Dites-le-nous une fois): a Request for a
// data category about a person, with a purpose and a legal basis, returns
// values and their source. A Connector answers it.
//
// Two kinds are here: Static answers from a table (the demo's CAF and
// DGFiP, internal/demo), and HTTP calls an administration's endpoint with
// a request signed like a Standard Webhooks delivery (webhook-id,
// webhook-timestamp, webhook-signature: v1,…), so that the administration
// can check it came from this Guichet and is fresh; Verify is the check
// its endpoint runs (the tests start such an endpoint).
//
// Connectors do not check consent nor write the access log: internal/prefill
// does both around every call.
package connectors
