package mediation

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/hashchain"
)

// Break is the first entry where the chain does not hold.
type Break = hashchain.Break

// Verification is what VerifyJournal found.
type Verification = hashchain.Verification

const walkJournalSQL = entriesSQL + ` ORDER BY seq`

// VerifyJournal walks the whole journal in order and checks that the
// sequence has no gap, that each entry names the previous entry's hash and
// that each hash matches the entry's fields (hashchain.Walk). It needs
// only the database, not the instance key: anyone holding a copy can
// check it. A change of a stored field, a deleted entry and a reordering
// each break it at the first entry concerned. (Removing the last entries,
// or rewriting the whole chain from some point on, takes an outside copy
// of the last hash to detect; see doc.go.)
func VerifyJournal(ctx context.Context, q database.Querier) (Verification, error) {
	rows, err := q.QueryContext(ctx, walkJournalSQL)
	if err != nil {
		return Verification{}, fmt.Errorf("read journal: %w", err)
	}
	return hashchain.Walk(rows, "journal", func(rows *sql.Rows) (hashchain.Link, error) {
		var e Entry
		err := rows.Scan(&e.Seq, &e.At, &e.Event, &e.MandateID, &e.OrgID, &e.PersonUserID, &e.ActorUserID,
			&e.Detail, &e.PrevHash, &e.Hash)
		return hashchain.Link{Seq: e.Seq, PrevHash: e.PrevHash, Hash: e.Hash,
			Rehash: func() string { return chainHash(e.PrevHash, e) }}, err
	})
}
