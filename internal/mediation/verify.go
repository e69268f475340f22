package mediation

import (
	"context"
	"fmt"

	"guichet/internal/database"
)

// Break is the first entry where the chain does not hold.
type Break struct {
	Seq     int64
	Problem string
}

func (b *Break) Error() string { return fmt.Sprintf("entry %d: %s", b.Seq, b.Problem) }

// Verification is what VerifyJournal found.
type Verification struct {
	Entries int64
	// Erased counts the tombstones among them.
	Erased int64
	// Broken is the first broken entry, nil when the chain is intact.
	Broken *Break
}

const walkJournalSQL = entriesSQL + ` ORDER BY seq`

// VerifyJournal walks the whole journal in order and checks that the
// sequence has no gap, that each entry names the previous entry's hash and
// that each hash matches the entry's fields. It needs only the database,
// not the instance key: anyone holding a copy can check it. A change of a
// stored field, a deleted entry and a reordering each break it at the
// first entry concerned. (Removing the last entries, or rewriting the
// whole chain from some point on, takes an outside copy of the last hash
// to detect; see doc.go.)
func VerifyJournal(ctx context.Context, q database.Querier) (Verification, error) {
	rows, err := q.QueryContext(ctx, walkJournalSQL)
	if err != nil {
		return Verification{}, fmt.Errorf("read journal: %w", err)
	}
	defer rows.Close()
	var v Verification
	prev, prevSeq := genesis, int64(0)
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.Seq, &e.At, &e.Event, &e.MandateID, &e.OrgID, &e.PersonUserID, &e.ActorUserID,
			&e.Detail, &e.PrevHash, &e.Hash, &e.Digest, &e.Erased); err != nil {
			return v, fmt.Errorf("read journal entry: %w", err)
		}
		v.Entries++
		if v.Broken != nil {
			continue
		}
		switch {
		case e.Seq != prevSeq+1:
			v.Broken = &Break{e.Seq, fmt.Sprintf("expected sequence %d: entry %d is missing (deleted)", prevSeq+1, prevSeq+1)}
		case e.PrevHash != prev:
			v.Broken = &Break{e.Seq, fmt.Sprintf("its previous hash does not match entry %d: an entry was removed, inserted or moved", prevSeq)}
		default:
			if p := e.problem(); p != "" {
				v.Broken = &Break{e.Seq, p}
			}
		}
		if e.Erased {
			v.Erased++
		}
		prev, prevSeq = e.Hash, e.Seq
	}
	return v, rows.Err()
}
