package mediation

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/database"
)

// The one UPDATE the database lets through on mediation_journal
// (migration 0029): the detail emptied, erased_at set, the chain untouched.
const (
	eraseDossierSQL = `UPDATE mediation_journal SET detail = '', erased_at = COALESCE(erased_at, $1)
WHERE person_user_id = $2 AND (detail LIKE $3 OR detail LIKE $4)`
	erasePersonSQL = `UPDATE mediation_journal SET person_user_id = 0, detail = '', erased_at = COALESCE(erased_at, $1)
WHERE person_user_id = $2`
)

// EraseDossier turns the person's journal entries whose detail names the
// dossier reference (as stored or as shown) into tombstones, in q, the
// transaction of the dossier's deletion: which mandate, which structure,
// which mediator and when stay; what was done on the dossier goes. It
// returns how many entries it erased.
func EraseDossier(ctx context.Context, q database.Querier, at time.Time, personID int64, reference string) (int64, error) {
	if len(reference) < 8 {
		return 0, fmt.Errorf("mediation: erase: reference %q too short to name one dossier", reference)
	}
	shown := reference
	if len(reference) == 8 {
		shown = reference[:4] + "-" + reference[4:]
	}
	res, err := q.ExecContext(ctx, eraseDossierSQL, at.UTC(), personID, "%"+reference+"%", "%"+shown+"%")
	if err != nil {
		return 0, fmt.Errorf("erase journal of dossier %s: %w", reference, err)
	}
	return res.RowsAffected()
}

// ErasePerson turns every entry about the person into a tombstone that no
// longer names them, when their account is deleted.
func ErasePerson(ctx context.Context, q database.Querier, at time.Time, personID int64) (int64, error) {
	res, err := q.ExecContext(ctx, erasePersonSQL, at.UTC(), personID)
	if err != nil {
		return 0, fmt.Errorf("erase journal of user %d: %w", personID, err)
	}
	return res.RowsAffected()
}
