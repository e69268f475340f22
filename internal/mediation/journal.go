package mediation

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/hashchain"
)

// The events of the journal about mandates themselves. Actions under a
// mandate (Record) name their own, such as "dossier.sent".
const (
	EventCreated      = "mandate.created"
	EventRenewed      = "mandate.renewed"
	EventRevoked      = "mandate.revoked"
	EventExpired      = "mandate.expired"
	EventExpiryNotice = "mandate.expiry_notice"
)

var eventLabels = map[string]string{
	EventCreated:        "Mandat donné",
	EventRenewed:        "Mandat renouvelé",
	EventRevoked:        "Mandat arrêté",
	EventExpired:        "Mandat arrivé à sa fin",
	EventExpiryNotice:   "Avis de fin prochaine envoyé",
	EventActingStarted:  "Un médiateur commence à agir pour la personne",
	EventActingStopped:  "Le médiateur arrête d'agir pour la personne",
	EventDomiciled:      "Domiciliation à la structure",
	EventUndomiciled:    "Domiciliation arrêtée",
	EventPersonRecorded: "Fiche sans compte créée pour la personne",
}

// genesis is the previous hash of the first entry.
var genesis = hashchain.Genesis

// Entry is one line of the journal.
type Entry struct {
	Seq          int64
	At           time.Time
	Event        string
	MandateID    int64
	OrgID        int64
	PersonUserID int64
	ActorUserID  int64
	Detail       string
	PrevHash     string
	// Digest is the SHA-256 of the entry's personal fields (payload),
	// which Hash covers in their place: "" for entries written before
	// tombstones, whose Hash covers the fields themselves.
	Digest string
	Hash   string
	// Erased is set on a tombstone: Detail (and PersonUserID when the
	// person is gone) emptied after the deletion of what it named; the
	// chain still verifies.
	Erased bool
}

// Label returns the French words of the entry's event; an action under a
// mandate shows its detail.
func (e Entry) Label() string {
	if l, ok := eventLabels[e.Event]; ok {
		return l
	}
	return "Action pour la personne"
}

// canonical is the text an entry's hash covers, besides the previous hash:
// every stored field but the hashes, in a fixed order, as JSON.
func (e Entry) canonical() []byte {
	b, _ := json.Marshal(struct {
		Seq          int64  `json:"seq"`
		At           string `json:"at"`
		Event        string `json:"event"`
		MandateID    int64  `json:"mandate_id"`
		OrgID        int64  `json:"org_id"`
		PersonUserID int64  `json:"person_user_id"`
		ActorUserID  int64  `json:"actor_user_id"`
		Detail       string `json:"detail"`
	}{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.Event, e.MandateID, e.OrgID, e.PersonUserID, e.ActorUserID, e.Detail})
	return b
}

// kept is what a tombstone keeps of an entry: which mandate, structure,
// mediator, event and when. payload is what it drops: whom and what.
func (e Entry) kept() []byte {
	b, _ := json.Marshal(struct {
		Seq         int64  `json:"seq"`
		At          string `json:"at"`
		Event       string `json:"event"`
		MandateID   int64  `json:"mandate_id"`
		OrgID       int64  `json:"org_id"`
		ActorUserID int64  `json:"actor_user_id"`
	}{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.Event, e.MandateID, e.OrgID, e.ActorUserID})
	return b
}

func (e Entry) payload() []byte {
	b, _ := json.Marshal(struct {
		PersonUserID int64  `json:"person_user_id"`
		Detail       string `json:"detail"`
	}{e.PersonUserID, e.Detail})
	return b
}

// digestOf is the digest of e's payload (hashchain.Digest).
func digestOf(e Entry) string { return hashchain.Digest(e.payload()) }

// digestHash is e's hash over its kept fields and digest (hashchain.DigestHash).
func digestHash(prev string, e Entry) string { return hashchain.DigestHash(prev, e.kept(), e.Digest) }

// problem says why e does not hold ("" when it does): its hash must match
// its kept fields and digest, and its digest its payload unless it is a
// tombstone. An older entry (no digest) hashes all its fields; erased, it
// keeps its hash, which the next entry's prev_hash binds.
func (e Entry) problem() string {
	switch {
	case e.Digest != "" && digestHash(e.PrevHash, e) != e.Hash:
		return "its hash does not match its fields and digest: a stored field was changed"
	case e.Digest != "" && !e.Erased && digestOf(e) != e.Digest:
		return "its digest does not match its fields: a stored field was changed"
	case e.Digest == "" && !e.Erased && chainHash(e.PrevHash, e) != e.Hash:
		return "its hash does not match its fields: a stored field was changed"
	}
	return ""
}

// chainHash is the hash of e after the entry whose hash is prev
// (hashchain.Hash over e's canonical fields).
func chainHash(prev string, e Entry) string { return hashchain.Hash(prev, e.canonical()) }

const lockJournalSQL = `SELECT pg_advisory_xact_lock(7413020260013)`

const lastEntrySQL = `SELECT seq, hash FROM mediation_journal ORDER BY seq DESC LIMIT 1`

const insertEntrySQL = `INSERT INTO mediation_journal (seq, at, event, mandate_id, org_id, person_user_id,
	actor_user_id, detail, prev_hash, hash, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`

// append adds e at the end of the chain in tx. On PostgreSQL an advisory
// lock makes concurrent appends wait for each other; SQLite has one writer.
func (s *Service) append(ctx context.Context, tx database.Querier, e Entry) error {
	if s.db.Dialect == database.Postgres {
		if _, err := tx.ExecContext(ctx, lockJournalSQL); err != nil {
			return fmt.Errorf("lock journal: %w", err)
		}
	}
	var last int64
	prev := genesis
	err := tx.QueryRowContext(ctx, lastEntrySQL).Scan(&last, &prev)
	if err != nil && !database.IsNoRows(err) {
		return fmt.Errorf("read journal end: %w", err)
	}
	e.Seq, e.At, e.PrevHash = last+1, s.now(), prev
	e.Digest = digestOf(e)
	e.Hash = digestHash(prev, e)
	if _, err := tx.ExecContext(ctx, insertEntrySQL, e.Seq, e.At, e.Event, e.MandateID, e.OrgID, e.PersonUserID,
		e.ActorUserID, e.Detail, e.PrevHash, e.Hash, e.Digest); err != nil {
		return fmt.Errorf("append to journal: %w", err)
	}
	return nil
}

// Action is something a mediator did for a person under a mandate.
type Action struct {
	MandateID   int64
	ActorUserID int64
	// OrgID, when set, is the structure the mediator acts for: the mandate
	// must be that structure's.
	OrgID int64
	// Category, when set, is the area of the action: Record then checks
	// again, in the action's transaction, that the mandate covers it and is
	// in force, so that an action racing a revocation cannot commit.
	Category Category
	// Event names the action, such as "dossier.sent".
	Event string
	// Detail says what was done in plain French, for the person to read
	// ("Demande de passeport DS-2026-004217 envoyée").
	Detail string
}

// Record appends a to the journal in tx, the transaction of the action
// itself, so that the action and its entry commit or roll back together
// (nil: a transaction of its own). Call Allows first, in the same request;
// with a.Category set, Record checks the scope again in tx.
func (s *Service) Record(ctx context.Context, tx *sql.Tx, a Action) error {
	if a.Event == "" || strings.HasPrefix(a.Event, "mandate.") {
		return errs.E(errs.Internal, "mediation: an action needs its own event name")
	}
	if tx == nil {
		return s.db.Transact(ctx, func(tx *sql.Tx) error { return s.Record(ctx, tx, a) })
	}
	m, err := s.mandate(ctx, tx, a.MandateID)
	if err != nil {
		return err
	}
	if a.OrgID != 0 && m.OrgID != a.OrgID {
		return errNoMandate
	}
	if a.Category != "" {
		if err := check(m, a.Category, s.now()); err != nil {
			return err
		}
	}
	return s.append(ctx, tx, Entry{Event: a.Event, MandateID: m.ID, OrgID: m.OrgID, PersonUserID: m.PersonUserID,
		ActorUserID: a.ActorUserID, Detail: a.Detail})
}

const entriesSQL = `SELECT seq, at, event, mandate_id, org_id, person_user_id, actor_user_id, detail, prev_hash, hash,
	digest, erased_at IS NOT NULL FROM mediation_journal`

func scanEntries(rows *sql.Rows) ([]Entry, error) {
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Event, &e.MandateID, &e.OrgID, &e.PersonUserID, &e.ActorUserID,
			&e.Detail, &e.PrevHash, &e.Hash, &e.Digest, &e.Erased); err != nil {
			return nil, fmt.Errorf("scan journal entry: %w", err)
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

const personEntriesSQL = entriesSQL + ` WHERE person_user_id = $1 ORDER BY seq DESC LIMIT $2`

// EntriesAboutPerson returns the newest entries about a person's account.
func (s *Service) EntriesAboutPerson(ctx context.Context, userID int64, limit int) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, personEntriesSQL, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("person journal: %w", err)
	}
	return scanEntries(rows)
}

const mandateEntriesSQL = entriesSQL + ` WHERE mandate_id = $1 AND org_id = $2 ORDER BY seq`

// EntriesOfMandate returns the entries of one of the structure's mandates.
func (s *Service) EntriesOfMandate(ctx context.Context, orgID, mandateID int64) ([]Entry, error) {
	rows, err := s.db.QueryContext(ctx, mandateEntriesSQL, mandateID, orgID)
	if err != nil {
		return nil, fmt.Errorf("mandate journal: %w", err)
	}
	return scanEntries(rows)
}
