package appointments

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

const bookingsOfSlotSQL = `SELECT ` + bookingColumns + ` WHERE b.slot_id = $1 ORDER BY b.created_at, b.id`

// BookingsOfSlot returns the bookings of the slot slotID of the structure
// orgID, cancelled ones included, and writes to the audit log that actorID
// read them, since they name people. A slot of another structure is not
// found.
func (s *Service) BookingsOfSlot(ctx context.Context, orgID, slotID, actorID int64) (*Slot, []Booking, error) {
	sl, err := s.Slot(ctx, slotID)
	if err != nil {
		return nil, nil, err
	}
	if sl.OrgID != orgID {
		return nil, nil, errSlotNotFound
	}
	rows, err := s.db.QueryContext(ctx, bookingsOfSlotSQL, slotID)
	if err != nil {
		return nil, nil, fmt.Errorf("bookings of slot %d: %w", slotID, err)
	}
	defer rows.Close()
	var out []Booking
	for rows.Next() {
		b, err := s.scanBooking(rows)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, *b)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(out) > 0 {
		if err := s.audit.Write(ctx, nil, audit.Entry{Event: "appointments.read", ActorID: actorID,
			Detail: fmt.Sprintf("structure %d : réservations du créneau %d (%d)", orgID, slotID, len(out))}); err != nil {
			return nil, nil, err
		}
	}
	return sl, out, nil
}

const bookingOfOrgSQL = `SELECT ` + bookingColumns + ` WHERE b.id = $1 AND s.org_id = $2`

const markNoShowSQL = `UPDATE appointment_bookings SET status = 'absent', updated_at = $1 WHERE id = $2 AND status = 'reserve'`

// MarkNoShow records that the person of booking id did not come. Only
// the staff of the slot's structure may (another's booking is not found),
// and only once the appointment has begun. It is audited.
func (s *Service) MarkNoShow(ctx context.Context, orgID, bookingID, actorID int64) (*Booking, error) {
	now := s.now()
	var b *Booking
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		b, err = s.scanBooking(tx.QueryRowContext(ctx, bookingOfOrgSQL, bookingID, orgID))
		if err == sql.ErrNoRows {
			return errs.E(errs.NotFound, "Cette réservation n'existe pas dans votre structure.")
		}
		if err != nil {
			return fmt.Errorf("read booking %d: %w", bookingID, err)
		}
		if b.Slot.StartsAt.After(now) {
			return errs.E(errs.Conflict, "Le rendez-vous n'a pas encore commencé : l'absence se note après l'heure prévue.")
		}
		res, err := tx.ExecContext(ctx, markNoShowSQL, now, bookingID)
		if err != nil {
			return fmt.Errorf("mark no-show %d: %w", bookingID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "Cette réservation est annulée ou déjà notée absente.")
		}
		b.Status = NoShow
		return s.audit.Write(ctx, tx, audit.Entry{Event: "appointments.no_show", ActorID: actorID,
			Detail: fmt.Sprintf("structure %d : réservation %d absente", orgID, bookingID)})
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}
