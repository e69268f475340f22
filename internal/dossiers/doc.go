// Package dossiers owns the requests (dossiers) people make on the online
// procedures (démarches en ligne): the draft saved page by page, the
// submission with its reference and receipt, the states a dossier moves
// through (brouillon, en_construction, en_instruction, accepte, refuse,
// sans_suite), its timeline, the messages between the person and the
// administration, the files attached to it, the corrections an agent asks
// for, the expiry of forgotten drafts and the expected delay computed from
// the dossiers decided lately.
//
// Every change of state is checked against the current state, dated,
// attributed and written to the dossier's timeline in the same transaction
// as the change, so that a refused or failed change leaves nothing behind.
// A person has at most one draft per procedure (a unique index sees to it,
// whatever the number of tabs or clicks), except where the procedure lets
// them start another one explicitly.
//
// Sending a dossier writes its state, its timeline entry and a receipt job
// (ReceiptJob) in one transaction; the job then tells the person through
// the notifier, by their chosen channel. Other changes notify in their own
// transaction. A draft nobody touches is kept as long as the procedure's
// owner chose (SetDraftMonths, 6 months by default), its person warned two
// weeks before; a file replaced in its field, or whose answer is cleared,
// is deleted with its row, and a deleted draft takes its files with it.
//
// A mediator acting for the person under a mandate (internal/mediation)
// works through the same methods, with a Helper in the context
// (WithHelper): the timeline and the audit log name the mediator and their
// structure, the dossier is marked "aidé par un médiateur" (HelpedCount),
// and Options.Assisted journals each action in its transaction.
package dossiers
