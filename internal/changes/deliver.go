package changes

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/accesslog"
	"guichet/internal/dossiers"
	"guichet/internal/jobs"
)

// deliveryJob is the payload of a delivery job: an id, no personal data.
type deliveryJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

const deliveryForJobSQL = `SELECT d.id, d.org_id, d.status, c.id, c.user_id, c.reference, c.value, c.effective_on
FROM change_deliveries d JOIN changes c ON c.id = d.change_id WHERE d.id = $1`

const markSentSQL = `UPDATE change_deliveries SET status = 'envoye', attempts = attempts + 1, last_error = '',
sent_at = $1, updated_at = $1 WHERE id = $2 AND status IN ('en-attente', 'echec')`

const markFailedSQL = `UPDATE change_deliveries SET status = 'echec', attempts = attempts + 1, last_error = $1,
updated_at = $2 WHERE id = $3 AND status IN ('en-attente', 'echec')`

// deliverJob delivers one change to one administration: to its own system
// when it has one (Options.Deliver), and always to its agents' queue. A
// failure marks the delivery failed, for the person to see, and the job
// tries again later; a success marks it sent and tells the person's access
// log that the administration received the change.
func (s *Service) deliverJob(ctx context.Context, j jobs.Job) error {
	var p deliveryJob
	if err := j.Decode(&p); err != nil {
		return err
	}
	return s.Deliver(ctx, p.DeliveryID)
}

// Deliver runs the delivery id once (the job's work, callable by tests).
func (s *Service) Deliver(ctx context.Context, id int64) error {
	var orgID, changeID, userID int64
	var status, ref, sealed, effective string
	err := s.db.QueryRowContext(ctx, deliveryForJobSQL, id).Scan(&id, &orgID, &status, &changeID, &userID, &ref,
		&sealed, &effective)
	if err != nil {
		return jobs.Permanent(fmt.Errorf("delivery %d: %w", id, err))
	}
	if status != "en-attente" && status != "echec" {
		return nil // already sent: a job run twice does nothing more
	}
	if s.opts.Deliver != nil {
		v, err := s.open(sealed)
		if err != nil {
			return jobs.Permanent(err)
		}
		ev := Event{Type: EventProfileChanged, ChangeID: changeID, Reference: ref, Kind: "adresse", EffectiveOn: effective,
			Address: map[string]string{"street": v.Address.Street, "postcode": v.Address.Postcode, "town": v.Address.Town},
			Person:  v.Person}
		if derr := s.opts.Deliver(ctx, orgID, ev); derr != nil {
			if _, err := s.db.ExecContext(ctx, markFailedSQL, truncate(derr.Error()), s.now(), id); err != nil {
				return fmt.Errorf("mark delivery %d failed: %w", id, err)
			}
			return derr
		}
	}
	return s.db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, markSentSQL, s.now(), id)
		if err != nil {
			return fmt.Errorf("mark delivery %d sent: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		return s.opts.AccessLog.Record(ctx, tx, accesslog.Entry{PersonUserID: userID, OrgID: orgID,
			ActorKind: accesslog.BySystem, ActorName: "déclaration de changement", Action: accesslog.ChangeReceived,
			Category: "nouvelle adresse", Purpose: "mettre à jour votre adresse, à votre demande (référence " + dossiers.FormatReference(ref) + ")"})
	})
}

func truncate(s string) string {
	if len(s) > 300 {
		return s[:300]
	}
	return s
}
