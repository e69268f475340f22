package appointments

import (
	"context"
	"database/sql"
	"fmt"

	"guichet/internal/audit"
	"guichet/internal/errs"
)

// CancelForPerson cancels, for the staff of the slot's structure, a booking
// someone made (they asked by phone, the structure closes): its place is
// freed and the person is told, as when they cancel with their link.
// Another structure's booking is not found; a booking already cancelled,
// marked absent or begun is errs.Conflict. It is audited.
func (s *Service) CancelForPerson(ctx context.Context, orgID, bookingID, actorID int64) (*Booking, error) {
	b, err := s.scanBooking(s.db.Querier(ctx).QueryRowContext(ctx, bookingOfOrgSQL, bookingID, orgID))
	if err == sql.ErrNoRows {
		return nil, errs.E(errs.NotFound, "Cette réservation n'existe pas dans votre structure.")
	}
	if err != nil {
		return nil, fmt.Errorf("read booking %d: %w", bookingID, err)
	}
	if b.Status != Booked {
		return nil, errs.E(errs.Conflict, "Cette réservation est déjà annulée ou notée absente.")
	}
	err = s.cancel(ctx, b, func(ctx context.Context, tx *sql.Tx) error {
		return s.audit.Write(ctx, tx, audit.Entry{Event: "appointments.cancelled_by_staff", ActorID: actorID,
			Detail: fmt.Sprintf("structure %d : réservation %d annulée pour la personne", orgID, bookingID)})
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

const (
	deleteCancelledOfSlotSQL = `DELETE FROM appointment_bookings WHERE slot_id = $1 AND status = 'annule'`
	deleteHoldsOfSlotSQL     = `DELETE FROM appointment_holds WHERE slot_id = $1`
	deleteFreeSlotSQL        = `DELETE FROM appointment_slots WHERE id = $1 AND org_id = $2 AND booked = 0 AND starts_at > $3`
)

// DeleteSlot removes a slot of the structure that nobody holds: a slot
// with a booking in force is errs.Conflict (cancel the bookings first, so
// that the people are told), and so is one that has begun, which keeps its
// history (no-shows). The cancelled bookings of the slot and the codes
// waiting for it go with it. Another structure's slot is not found. It is
// audited.
func (s *Service) DeleteSlot(ctx context.Context, orgID, slotID, actorID int64) error {
	sl, err := s.Slot(ctx, slotID)
	if err != nil {
		return err
	}
	if sl.OrgID != orgID {
		return errSlotNotFound
	}
	now := s.now()
	switch {
	case sl.Booked > 0:
		return errs.E(errs.Conflict, "Ce créneau a des rendez-vous pris : annulez-les d'abord, pour que les personnes soient prévenues.")
	case !sl.StartsAt.After(now):
		return errs.E(errs.Conflict, "Ce créneau a déjà commencé : il reste dans l'historique.")
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, deleteCancelledOfSlotSQL, slotID); err != nil {
			return fmt.Errorf("delete cancelled bookings of slot %d: %w", slotID, err)
		}
		if _, err := tx.ExecContext(ctx, deleteHoldsOfSlotSQL, slotID); err != nil {
			return fmt.Errorf("delete holds of slot %d: %w", slotID, err)
		}
		res, err := tx.ExecContext(ctx, deleteFreeSlotSQL, slotID, orgID, now)
		if err != nil {
			return fmt.Errorf("delete slot %d: %w", slotID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// Booked or begun meanwhile.
			return errs.E(errs.Conflict, "Ce créneau vient d'être réservé : annulez d'abord le rendez-vous.")
		}
		return s.audit.Write(ctx, tx, audit.Entry{Event: "appointments.slot_deleted", ActorID: actorID,
			Detail: fmt.Sprintf("structure %d : créneau %d du %s supprimé", orgID, slotID, sl.When())})
	})
}
