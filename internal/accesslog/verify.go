package accesslog

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/database"
	"guichet/internal/hashchain"
)

// Break is the first entry where the chain does not hold.
type Break = hashchain.Break

// Verification is what Verify found.
type Verification = hashchain.Verification

const walkLogSQL = entriesSQL + ` ORDER BY seq`

// Verify walks the whole log in order and checks that the sequence has no
// gap, that each entry names the previous entry's hash and that each hash
// matches the entry's fields (hashchain.Walk), as mediation.VerifyJournal
// does for the mandate journal. It needs only the database, not the
// instance key.
func Verify(ctx context.Context, q database.Querier) (Verification, error) {
	rows, err := q.QueryContext(ctx, walkLogSQL)
	if err != nil {
		return Verification{}, fmt.Errorf("read access log: %w", err)
	}
	return hashchain.Walk(rows, "access log", func(rows *sql.Rows) (hashchain.Link, error) {
		e, err := scanEntry(rows)
		return hashchain.Link{Seq: e.Seq, PrevHash: e.PrevHash, Hash: e.Hash,
			Rehash: func() string { return chainHash(e.PrevHash, e) }}, err
	})
}
