// Package accesslog owns the log a person reads at « Qui a utilisé mes
// données » (/compte/acces): every read of their dossiers and profile by an
// agent, an organisation's token, a connector or a mediator, every
// pre-filling from an administration's data, every change they declared
// that an administration received, every export. An entry says when,
// which organisation, which agent or system, what action, which data
// category and why. It holds metadata, never the data itself.
//
// The log is append-only (the database refuses updates and deletes) and
// hash-chained like the mandate journal of internal/mediation: each entry
// carries SHA-256 over the previous entry's hash and its own fields, so
// that `guichet journal verify` finds a changed, removed or moved entry
// with the database alone, no key needed.
//
// Writers call Record in the transaction of the read itself (or before the
// answer leaves), so that nobody reads a person's data without the read
// being logged: a failed log fails the read.
package accesslog
