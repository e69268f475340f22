// Package sms counts, cleans and sends text messages.
//
// It owns what is true of an SMS whatever sends it: its encoding and part
// count under GSM 03.38 (CountText, Transliterate), French phone numbers in
// international form (NormalizePhone), and the providers that carry a
// message to a phone: a local outbox for development and tests, and two
// French-market HTTP providers chosen in the configuration (New). A provider
// that can be searched by our idempotency key (Finder: the outbox, Brevo)
// lets the caller learn, after a lost answer (Error.Unsure), whether a
// message went, rather than send it twice. Templates,
// statuses kept over time, preferences and collective sends belong to the
// notify module, which uses this package.
package sms
