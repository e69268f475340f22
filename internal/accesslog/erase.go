package accesslog

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/database"
)

// The one UPDATE the database lets through on access_log (migration
// 0029): the personal fields emptied, erased_at set, the chain untouched.
const (
	eraseDossierSQL = `UPDATE access_log SET category = '', purpose = '', erased_at = COALESCE(erased_at, $1)
WHERE person_user_id = $2 AND (category LIKE $3 OR category LIKE $4 OR purpose LIKE $3 OR purpose LIKE $4)`
	erasePersonSQL = `UPDATE access_log SET person_user_id = 0, category = '', purpose = '', erased_at = COALESCE(erased_at, $1)
WHERE person_user_id = $2`
)

// EraseDossier turns the person's entries that name the dossier reference
// (as stored, "ABCD2345", or as shown, "ABCD-2345") into tombstones, in
// q, the transaction of the dossier's deletion: who used which kind of
// data and when stays, what the dossier was goes, and the chain still
// verifies. It returns how many entries it erased.
func EraseDossier(ctx context.Context, q database.Querier, at time.Time, personID int64, reference string) (int64, error) {
	if len(reference) < 8 {
		return 0, fmt.Errorf("accesslog: erase: reference %q too short to name one dossier", reference)
	}
	shown := reference
	if len(reference) == 8 {
		shown = reference[:4] + "-" + reference[4:]
	}
	res, err := q.ExecContext(ctx, eraseDossierSQL, at.UTC(), personID, "%"+reference+"%", "%"+shown+"%")
	if err != nil {
		return 0, fmt.Errorf("erase access log of dossier %s: %w", reference, err)
	}
	return res.RowsAffected()
}

// ErasePerson turns every entry about the person into a tombstone that no
// longer names them, when their account is deleted.
func ErasePerson(ctx context.Context, q database.Querier, at time.Time, personID int64) (int64, error) {
	res, err := q.ExecContext(ctx, erasePersonSQL, at.UTC(), personID)
	if err != nil {
		return 0, fmt.Errorf("erase access log of user %d: %w", personID, err)
	}
	return res.RowsAffected()
}
