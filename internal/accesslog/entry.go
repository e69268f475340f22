package accesslog

import (
	"encoding/json"
	"time"

	"guichet/internal/hashchain"
)

// Action is what was done with a person's data. The values are stored.
type Action string

// The actions of the log.
const (
	Read           Action = "lecture"
	Prefilled      Action = "pre-remplissage"
	ChangeReceived Action = "changement-recu"
	Exported       Action = "export"
)

var actionLabels = map[Action]string{
	Read: "Consultation", Prefilled: "Pré-remplissage d'un formulaire", ChangeReceived: "Changement reçu",
	Exported: "Export",
}

// Label is the action in plain French.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// Actor kinds: who or what used the data. The values are stored.
const (
	ByAgent     = "agent"
	ByToken     = "jeton"
	ByConnector = "connecteur"
	ByMediator  = "mediateur"
	BySystem    = "systeme"
)

// Entry is one line of the log: metadata about a use of a person's data.
type Entry struct {
	Seq          int64
	At           time.Time
	PersonUserID int64
	OrgID        int64 // the organisation that used the data; 0 for Guichet itself
	ActorKind    string
	ActorID      int64  // the agent's or mediator's account; 0 for a system
	ActorName    string // a system's name ("connecteur de la CAF"); the pages name accounts
	Action       Action
	Category     string // the data category: "dossier DS-1234", "quotient familial", "adresse"
	Purpose      string // why: "instruction du dossier", "pré-remplir « Prime de naissance »"
	PrevHash     string
	// Digest is the SHA-256 of the entry's personal fields (payload),
	// which Hash covers in their place: "" for entries written before
	// tombstones, whose Hash covers the fields themselves.
	Digest string
	Hash   string
	// Erased is set on a tombstone: the entry's personal fields (Category,
	// Purpose, and PersonUserID when the person is gone) were emptied
	// after the deletion of what they named; the chain still verifies.
	Erased bool
}

// genesis is the previous hash of the first entry.
var genesis = hashchain.Genesis

// canonical is the text an entry's hash covers, besides the previous hash:
// every stored field but the hashes, in a fixed order, as JSON.
func (e Entry) canonical() []byte {
	b, _ := json.Marshal(struct {
		Seq          int64  `json:"seq"`
		At           string `json:"at"`
		PersonUserID int64  `json:"person_user_id"`
		OrgID        int64  `json:"org_id"`
		ActorKind    string `json:"actor_kind"`
		ActorID      int64  `json:"actor_id"`
		ActorName    string `json:"actor_name"`
		Action       string `json:"action"`
		Category     string `json:"category"`
		Purpose      string `json:"purpose"`
	}{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.PersonUserID, e.OrgID, e.ActorKind, e.ActorID, e.ActorName,
		string(e.Action), e.Category, e.Purpose})
	return b
}

// kept is what a tombstone keeps of an entry: who used the data, how and
// when. payload is what it drops: whose data, which, and why.
func (e Entry) kept() []byte {
	b, _ := json.Marshal(struct {
		Seq       int64  `json:"seq"`
		At        string `json:"at"`
		OrgID     int64  `json:"org_id"`
		ActorKind string `json:"actor_kind"`
		ActorID   int64  `json:"actor_id"`
		ActorName string `json:"actor_name"`
		Action    string `json:"action"`
	}{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.OrgID, e.ActorKind, e.ActorID, e.ActorName, string(e.Action)})
	return b
}

func (e Entry) payload() []byte {
	b, _ := json.Marshal(struct {
		PersonUserID int64  `json:"person_user_id"`
		Category     string `json:"category"`
		Purpose      string `json:"purpose"`
	}{e.PersonUserID, e.Category, e.Purpose})
	return b
}

// digestOf is the digest of e's payload (hashchain.Digest).
func digestOf(e Entry) string { return hashchain.Digest(e.payload()) }

// digestHash is e's hash over its kept fields and digest (hashchain.DigestHash).
func digestHash(prev string, e Entry) string { return hashchain.DigestHash(prev, e.kept(), e.Digest) }

// seal sets e's digest and hash after prev.
func (e *Entry) seal(prev string) {
	e.PrevHash = prev
	e.Digest = digestOf(*e)
	e.Hash = digestHash(prev, *e)
}

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
