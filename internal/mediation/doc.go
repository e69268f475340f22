// Package mediation keeps the mandates people give help structures (France
// Services, EPN, CCAS, associations) and the tamper-evident journal of
// everything done about them (DESIGN.md §3.5, issue 12).
//
// # Mandates
//
// A person authorises a help structure, not one mediator, to act for them
// in some of the ten categories (papiers, famille, social, travail,
// logement, transports, argent, justice, etranger, loisirs) for 1, 31, 182
// or 365 days. A mediator creates it with the person present (Create): the
// person is identified by their Guichet account, or by the identity
// document the mediator saw — its type and last 4 characters, never its
// number. The person reads the mandate text of a version (Text,
// TextVersion) and consents; the mandate records that version. Either side
// can end it at any time (RevokeByPerson, RevokeByStructure). A mandate of
// another structure, or of another person, is not found (errs.NotFound),
// so that nobody learns it exists.
//
// # Acting under a mandate: Allows, then Record
//
// The dossiers pages call Allows on every request a mediator makes for a
// person, before doing anything, not only when drawing the menu:
//
//	m, err := med.Allows(ctx, mandateID, org.ID, mediation.Category(proc.Category), now)
//	if err != nil {
//		return err // errs.Forbidden (403) out of scope, ended or revoked; errs.NotFound for another structure's
//	}
//
// (AllowsFor finds the mandate from the structure and the person's account
// instead.) Then, in the transaction of the action itself, they call
// Record so that the action and its journal entry commit together:
//
//	err := db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
//		// … the dossier's own writes …
//		return med.Record(ctx, tx, mediation.Action{MandateID: m.ID, ActorUserID: mediator.ID,
//			Event: "dossier.sent", Detail: "Demande DS-2026-004217 envoyée"})
//	})
//
// The web pages do this for the dossiers: a mediator of the structure,
// past their second factor, picks the person (StartActing, "Agir pour
// Camille Martin"); their session then works on that person's dossiers
// until they stop (StopActing), and every request checks the mandate again
// (ActingOf, then Allows for the procedure's category). DossierJournal is
// the dossiers module's hook: each action is journaled in its own
// transaction after Record checks the scope once more, so that an action
// racing a revocation cannot commit. Dossiers belong to accounts: a
// person identified by a document, without an account nor e-mail, gets a
// person record when the structure domiciles them (Domicile calls
// Options.NewPerson, identity.Service.CreatePersonRecord in the app): a
// row with no password, an address nobody reads and every sign-in
// refused, tied to the mandate (Mandate.PersonRecord, journaled as
// person.recorded). From then on the structure acts for them as for
// anyone, under the same checks, and their messages reach it. The
// attestation still signs the mandate as given, without an account.
//
// # Renewal
//
// Renew gives a mandate not revoked a new duration from today, with the
// person's consent to the text recorded again (mandate.renewed); a mandate
// that had ended starts again today, never covering the days between. The
// expiry notice is then due again before the new end. The attestation's
// dates change with it: the old one checks as "remplacé", with the day of
// the renewal (the hash of its signature is kept, never the signature).
//
// # Domiciliation
//
// A person without a fixed address, e-mail or phone can be domiciled at a
// structure holding a mandate of theirs in force (Domicile): Redirect wraps
// a notifier so that the events for their account go to the structure's
// mediators, for them (notify.Recipient HelpOrgID and ForPerson), and
// PostalLines gives the address block their postal mail carries (the
// structure's). The person or the structure ends it (EndDomiciliation),
// except for a person record, whose only address is the structure. Every
// message redirected is also kept, worded as the person would have read
// it, in the structure's inbox for them (InboxPeople, InboxOf), which its
// mediators read one person at a time.
//
// # The journal
//
// mediation_journal is append-only and hash-chained: entry n carries the
// hash of entry n−1 (prev_hash) and its own hash, SHA-256 of prev_hash and
// its canonical fields (sequence, time, event, mandate, structure, person,
// actor, detail). The application never updates or deletes an entry, and
// the database refuses it (a trigger on PostgreSQL and on SQLite).
// VerifyJournal (`guichet journal verify`) walks the chain and names the
// first entry whose field changed, that follows a deleted entry or that
// was moved. Rewriting every entry after some point, or cutting the last
// ones off, needs someone to keep a copy of the latest hash elsewhere to be
// seen: that outside anchor is not built yet.
//
// # Attestations
//
// The printable attestation carries the text version and a signature:
// HMAC-SHA256 of the mandate's fields sorted by name, text version
// included, under a key derived from the instance key
// (secretbox.Derive(key, AttestationKeyPurpose)). Its QR code opens
// /mandats/verifier, where anyone holding it reads "valide", "révoqué",
// "expiré" or, for one a renewal replaced, "remplacé" and since when
// (CheckAttestation), and nothing more about the person.
//
// # Expiry
//
// Sweep, run periodically by the processes that run background work, sends
// the notice 30 days before the end of 182- and 365-day mandates through
// notify (kind notify.MandateExpiring) and journals the end of mandates
// that ran out.
package mediation
