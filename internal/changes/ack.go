package changes

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

const ackSQL = `UPDATE change_deliveries SET status = 'recu', received_at = $1, received_by = $2, updated_at = $1
WHERE change_id = $3 AND org_id = $4 AND status IN ('envoye', 'recu')`

const ackedDeliverySQL = `SELECT ` + deliveryColumns + ` FROM change_deliveries WHERE change_id = $1 AND org_id = $2`

const deliveryOfOrgSQL = `SELECT status FROM change_deliveries WHERE change_id = $1 AND org_id = $2`

// Ack records that the administration orgID took the change into account:
// by = "jeton « nom »" or an agent's name, for the person to read. A
// change not sent to that administration is not found; one not yet in its
// queue is a conflict. Acknowledging twice keeps the first date.
func (s *Service) Ack(ctx context.Context, orgID, changeID int64, by string) (Delivery, error) {
	var out Delivery
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, deliveryOfOrgSQL, changeID, orgID).Scan(&status)
		if err != nil {
			return errs.Wrap(errs.NotFound, "Ce changement n'a pas été envoyé à votre organisme.", err)
		}
		switch status {
		case "recu":
		case "envoye":
			if _, err := tx.ExecContext(ctx, ackSQL, s.now(), by, changeID, orgID); err != nil {
				return fmt.Errorf("acknowledge change %d: %w", changeID, err)
			}
		default:
			return errs.E(errs.Conflict, "Ce changement n'est pas encore arrivé dans votre file : réessayez dans un moment.")
		}
		out, err = scanDelivery(tx.QueryRowContext(ctx, ackedDeliverySQL, changeID, orgID))
		return err
	})
	return out, err
}

// Task is a change in an administration's agents' queue.
type Task struct {
	ChangeID    int64
	Reference   string
	Person      map[string]string
	Address     string
	EffectiveOn string
	Status      string
	SentAt      time.Time
	ReceivedAt  time.Time
}

const tasksSQL = `SELECT c.id, c.user_id, c.reference, c.value, c.effective_on, d.status, d.sent_at, d.received_at
FROM change_deliveries d JOIN changes c ON c.id = d.change_id
WHERE d.org_id = $1 AND d.status IN ('envoye', 'recu') ORDER BY d.status, d.sent_at DESC LIMIT $2`

// Tasks returns the changes in the administration's agents' queue, those
// to take into account first, at most limit; each person shown is
// written to their access log as read by agentID, in the same
// transaction, so that nothing is shown without it.
func (s *Service) Tasks(ctx context.Context, orgID, agentID int64, limit int) ([]Task, error) {
	var out []Task
	err := s.db.Transact(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, tasksSQL, orgID, limit)
		if err != nil {
			return fmt.Errorf("tasks of organisation %d: %w", orgID, err)
		}
		var people []int64
		for rows.Next() {
			var t Task
			var userID int64
			var sealed string
			var sent, received sql.NullTime
			if err := rows.Scan(&t.ChangeID, &userID, &t.Reference, &sealed, &t.EffectiveOn, &t.Status, &sent, &received); err != nil {
				rows.Close()
				return fmt.Errorf("tasks of organisation %d: %w", orgID, err)
			}
			v, err := s.open(sealed)
			if err != nil {
				rows.Close()
				return err
			}
			t.Person, t.Address = v.Person, v.Address.Street+", "+v.Address.Postcode+" "+v.Address.Town
			t.SentAt, t.ReceivedAt = sent.Time.UTC(), received.Time.UTC()
			out, people = append(out, t), append(people, userID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, userID := range people {
			if err := s.opts.AccessLog.Record(ctx, tx, accesslog.Entry{PersonUserID: userID, OrgID: orgID,
				ActorKind: accesslog.ByAgent, ActorID: agentID, Action: accesslog.Read, Category: "nouvelle adresse",
				Purpose: "prendre en compte votre changement " + dossiers.FormatReference(out[i].Reference)}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
