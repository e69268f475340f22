package appointments

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"guichet/internal/notify"
)

// RemindBefore is how long before an appointment its reminder goes.
const RemindBefore = 24 * time.Hour

const dueRemindersSQL = `SELECT ` + bookingColumns + `
	WHERE b.status = 'reserve' AND b.reminded_at IS NULL AND s.starts_at > $1 AND s.starts_at <= $2
	ORDER BY s.starts_at, b.id LIMIT 500`

const claimReminderSQL = `UPDATE appointment_bookings SET reminded_at = $1
	WHERE id = $2 AND slot_id = $3 AND status = 'reserve' AND reminded_at IS NULL`

// Sweep sends the reminders of the appointments starting within a day,
// each once: the booking is claimed by a conditional update in the
// transaction that stores the message, whose idempotency key names the
// booking and its slot. Several nodes may sweep at once. It returns how
// many reminders it sent.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	now := s.now()
	rows, err := s.db.QueryContext(ctx, dueRemindersSQL, now, now.Add(RemindBefore))
	if err != nil {
		return 0, fmt.Errorf("due reminders: %w", err)
	}
	var due []*Booking
	for rows.Next() {
		b, err := s.scanBooking(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		due = append(due, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	sent := 0
	for _, b := range due {
		ok, err := s.remind(ctx, b, now)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

func (s *Service) remind(ctx context.Context, b *Booking, now time.Time) (bool, error) {
	token, err := s.box.Open(b.tokenSealed)
	if err != nil {
		return false, fmt.Errorf("open token of booking %d: %w", b.ID, err)
	}
	data := s.messageData(ctx, b, string(token)) // read before the transaction (see Book)
	claimed := false
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, claimReminderSQL, now, b.ID, b.SlotID)
		if err != nil {
			return fmt.Errorf("claim reminder of booking %d: %w", b.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		claimed = true
		return s.tell(ctx, b, notify.AppointmentReminder, data, "reminder-"+strconv.FormatInt(b.SlotID, 10))
	})
	return claimed, err
}
