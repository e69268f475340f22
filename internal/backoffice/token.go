package backoffice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const seeOrgDossierSQL = `SELECT d.updated_at FROM dossiers d
WHERE d.id = $1 AND d.org_id = $2 AND d.state <> 'brouillon'`

// OrgVersion returns the version of dossier id for the organisation
// orgID as a whole (its API token, which is on no team): NotFound unless
// the dossier is a sent one of that organisation.
func (s *Service) OrgVersion(ctx context.Context, orgID, id int64) (int64, error) {
	var at time.Time
	err := s.db.Querier(ctx).QueryRowContext(ctx, seeOrgDossierSQL, id, orgID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNoDossier
	}
	if err != nil {
		return 0, fmt.Errorf("dossier %d of organisation %d: %w", id, orgID, err)
	}
	return at.UTC().UnixMicro(), nil
}

// ActForOrg is Act for the organisation's API token: the same check that
// the dossier is still at version, in the same transaction as fn, so that
// a token and an agent acting at once never both succeed.
func (s *Service) ActForOrg(ctx context.Context, orgID, id, version int64, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := s.OrgVersion(ctx, orgID, id); err != nil {
			return err
		}
		return s.bump(ctx, tx, id, version, fn)
	})
}
