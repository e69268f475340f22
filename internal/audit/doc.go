// Package audit keeps Guichet's audit log: who did what, when, from where,
// to whose account, in the audit_events table. Identity writes its
// security events there (sign-in, second factor, password reset…); each
// module names its own events and their French labels.
//
// An entry is written with the change it describes: Write takes the
// caller's transaction (a database.Querier), so that the change and its
// entry commit or roll back together (see internal/database on joining a
// transaction).
//
// Later journals build on this package rather than beside it: the mandate
// journal (what a mediator did on a person's behalf, shown to that person)
// and the personal-data access log (which agent opened whose data, and
// why) are audit entries with their own event names and a subject, read
// back per person; they add columns or a table of their own here, with the
// same Write-in-the-caller's-transaction rule.
package audit
