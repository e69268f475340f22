// Package appointments keeps the appointments (rendez-vous) of help
// structures (DESIGN.md §3.5, issue 12): the slots a structure publishes
// at one of its places, by phone or by video, each with its length and
// capacity, and the bookings people or mediators make on them without an
// account.
//
// # Slots
//
// Staff create a series of slots at once (CreateSeries: every Tuesday from
// 9:00 to 12:00 by 30 minutes, from one day to another), in Paris time. A
// slot holds capacity places; booked counts the live bookings. A booking
// takes a place with one conditional update (booked < capacity), which both
// databases run one at a time per row, and a CHECK in the table refuses a
// count over capacity: concurrent bookings never exceed it.
//
// # Bookings without an account
//
// The person gives a name and a phone number (for SMS) or an e-mail
// address, checked and normalised, stored sealed (secretbox). Book returns
// a token of 32 random bytes for the link of the confirmation; the
// booking is found by the token's SHA-256, and the token is kept only
// sealed, for the reminder's link. Whoever holds the link can see, cancel or
// move the appointment (ByToken, Cancel, Move) and download its calendar
// file (ICS, RFC 5545); another token finds nothing. A mediator who books
// for a person is recorded (BookedBy) and hears of it too.
//
// # Proving the contact
//
// A person booking alone first gets a hold (Hold): a 6-digit code goes to
// the phone or e-mail they gave (notify.AppointmentCode, at once even at
// night), and the booking counts only once they type it (Confirm): 5 tries,
// 15 minutes, 5 codes an hour per contact, the code kept as a keyed hash.
// Nobody books in another's name, and Guichet writes to a stranger a few
// times at most. A mediator booking with the person present vouches for
// the contact and books at once (Book).
//
// # Messages
//
// The confirmation (notify.AppointmentBooked), the reminder the day before
// (notify.AppointmentReminder) and the cancellation
// (notify.AppointmentCancelled) go through notify in the transaction of the
// change. The reminder is sent by Sweep, run periodically by the processes
// that run background work: each booking is claimed by a conditional update
// of reminded_at and the event carries an idempotency key naming the
// booking and its slot, so that it goes out once, even when several nodes
// sweep at once; a moved booking gets a reminder for its new slot.
//
// # No-shows
//
// Staff of the structure mark a booking "absent" after its time
// (MarkNoShow); reading the bookings of a slot, which name people, writes
// an audit entry. They cancel a booking for the person (CancelForPerson),
// who is told as when they cancel by their link, and delete a slot nobody
// holds (DeleteSlot): a booked slot waits until its bookings are
// cancelled, a begun one stays in the history. Both are audited.
package appointments
