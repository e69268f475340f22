package activity

import (
	"context"
	"fmt"
	"time"
)

// The dossiers' tables and the memberships are read here, read only, as
// the observatory's figure needs them together.
const (
	sentDossiersSQL   = `SELECT COUNT(*) FROM dossiers WHERE submitted_at >= $1 AND submitted_at < $2`
	helpedDossiersSQL = `SELECT COUNT(*) FROM dossiers d WHERE d.submitted_at >= $1 AND d.submitted_at < $2
	AND EXISTS (SELECT 1 FROM dossier_events e JOIN memberships m ON m.user_id = e.actor_id
		JOIN organisations o ON o.id = m.org_id
		WHERE e.dossier_id = d.id AND m.role = 'mediator' AND o.kind = 'help_structure' AND e.actor_id <> d.user_id)`
)

// HelpedShare returns how many dossiers were sent in [from, to) and how
// many of them a mediator acted on (see the package comment), for the
// observatory's "share helped by a mediator".
func (s *Service) HelpedShare(ctx context.Context, from, to time.Time) (helped, sent int, err error) {
	if err := s.db.QueryRowContext(ctx, sentDossiersSQL, from.UTC(), to.UTC()).Scan(&sent); err != nil {
		return 0, 0, fmt.Errorf("count sent dossiers: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, helpedDossiersSQL, from.UTC(), to.UTC()).Scan(&helped); err != nil {
		return 0, 0, fmt.Errorf("count helped dossiers: %w", err)
	}
	return helped, sent, nil
}
