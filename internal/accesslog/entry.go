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
	Hash         string
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

// chainHash is the hash of e after the entry whose hash is prev
// (hashchain.Hash over e's canonical fields).
func chainHash(prev string, e Entry) string { return hashchain.Hash(prev, e.canonical()) }
