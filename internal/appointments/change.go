package appointments

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

const cancelBookingSQL = `UPDATE appointment_bookings SET status = 'annule', updated_at = $1
	WHERE id = $2 AND status = 'reserve'`

// Cancel cancels the booking of token, frees its place and tells the
// person (and the mediator who booked). Cancelling twice does nothing
// more. Errors: errs.NotFound for an unknown token, errs.Conflict once the
// appointment has begun.
func (s *Service) Cancel(ctx context.Context, token string) (*Booking, error) {
	b, err := s.ByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	if b.Status == Cancelled {
		return b, nil
	}
	return b, s.cancel(ctx, b, nil)
}

// cancel cancels b, frees its place and tells the person (and the mediator
// who booked), then runs also, when given, in the same transaction.
func (s *Service) cancel(ctx context.Context, b *Booking, also func(ctx context.Context, tx *sql.Tx) error) error {
	now := s.now()
	if !b.Slot.StartsAt.After(now) {
		return errs.E(errs.Conflict, "Ce rendez-vous a déjà eu lieu : il ne peut plus être annulé.")
	}
	// Read before the transaction (see Book).
	data := map[string]string{"when": b.Slot.When(), "structure": s.orgName(ctx, b.Slot.OrgID)}
	err := s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, cancelBookingSQL, now, b.ID)
		if err != nil {
			return fmt.Errorf("cancel booking %d: %w", b.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // cancelled meanwhile, by another click
		}
		if _, err := tx.ExecContext(ctx, releasePlaceSQL, b.SlotID); err != nil {
			return fmt.Errorf("free slot %d: %w", b.SlotID, err)
		}
		if err := s.tell(ctx, b, notify.AppointmentCancelled, data, "cancelled"); err != nil {
			return err
		}
		if also != nil {
			return also(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	b.Status = Cancelled
	return nil
}

const moveBookingSQL = `UPDATE appointment_bookings SET slot_id = $1, sequence = sequence + 1, updated_at = $2,
	reminded_at = $3 WHERE id = $4 AND slot_id = $5 AND sequence = $6 AND status = 'reserve'`

// Move moves the booking of token to the slot to, of the same structure,
// and sends a new confirmation; the link stays the same. The confirmation
// is keyed by the booking's sequence after the move, which every move
// raises by one and which the move checks is still the one it read: a
// booking moved back to a slot it was on is confirmed again, and a move
// sends once. Errors:
// errs.NotFound for an unknown token or slot, errs.Conflict when the
// booking is cancelled or past or the new slot is full.
func (s *Service) Move(ctx context.Context, token string, to int64) (*Booking, error) {
	b, err := s.ByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	now := s.now()
	switch {
	case b.Status != Booked:
		return nil, errs.E(errs.Conflict, "Ce rendez-vous est annulé : prenez-en un nouveau.")
	case !b.Slot.StartsAt.After(now):
		return nil, errs.E(errs.Conflict, "Ce rendez-vous a déjà eu lieu : il ne peut plus être déplacé.")
	case to == b.SlotID:
		return b, nil
	}
	target, err := s.Slot(ctx, to)
	if err != nil {
		return nil, err
	}
	if target.OrgID != b.Slot.OrgID {
		return nil, errSlotNotFound
	}
	moved := *b
	moved.SlotID, moved.Slot, moved.Sequence = to, *target, b.Sequence+1
	data := s.messageData(ctx, &moved, token) // read before the transaction (see Book)
	err = s.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := s.take(ctx, tx, to, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, moveBookingSQL, to, now, reminderNeedless(target, now), b.ID, b.SlotID,
			b.Sequence)
		if err != nil {
			return fmt.Errorf("move booking %d: %w", b.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(errs.Conflict, "Ce rendez-vous vient de changer. Rechargez la page.")
		}
		if _, err := tx.ExecContext(ctx, releasePlaceSQL, b.SlotID); err != nil {
			return fmt.Errorf("free slot %d: %w", b.SlotID, err)
		}
		return s.tell(ctx, &moved, notify.AppointmentBooked, data, "moved-"+strconv.Itoa(moved.Sequence))
	})
	if err != nil {
		return nil, err
	}
	moved.Slot.Booked++
	return &moved, nil
}

// messageData is what the confirmation and the reminder say.
func (s *Service) messageData(ctx context.Context, b *Booking, token string) map[string]string {
	return map[string]string{"when": b.Slot.When(), "where": s.Where(ctx, &b.Slot),
		"structure": s.orgName(ctx, b.Slot.OrgID), "link": s.ManageURL(token)}
}

// tell sends an event about b to the person and to the mediator who
// booked for them, with keys naming the booking and what happened. The
// booking is named by its id and its creation time: a slot deleted takes
// its cancelled bookings with it, and SQLite gives the last one's id to
// the next booking, whose person would otherwise hear nothing of it.
func (s *Service) tell(ctx context.Context, b *Booking, kind notify.Kind, data map[string]string, what string) error {
	if s.notify == nil {
		return nil
	}
	key := fmt.Sprintf("appointment-%d-%d-%s", b.ID, b.CreatedAt.UnixMicro(), what)
	rc := notify.Recipient{Email: b.Contact}
	if b.Channel == "sms" {
		rc = notify.Recipient{Phone: b.Contact}
	}
	if err := s.notify.Notify(ctx, notify.Event{Kind: kind, OrgID: b.Slot.OrgID, Recipient: rc, Data: data,
		IdempotencyKey: key}); err != nil {
		return err
	}
	if b.BookedBy == 0 {
		return nil
	}
	return s.notify.Notify(ctx, notify.Event{Kind: kind, OrgID: b.Slot.OrgID,
		Recipient: notify.Recipient{UserID: b.BookedBy}, Data: data, IdempotencyKey: key + "-mediator"})
}

// Where says in French where or how a slot takes place: the place's name
// and address, "par téléphone" or the video link.
func (s *Service) Where(ctx context.Context, sl *Slot) string {
	switch sl.Mode {
	case Phone:
		return "par téléphone : la structure vous appelle au numéro donné"
	case Video:
		return "en vidéo : " + sl.VideoURL
	}
	if s.places != nil {
		if p, err := s.places.Get(ctx, sl.PlaceID); err == nil {
			parts := []string{p.Nom, p.Adresse, strings.TrimSpace(p.CodePostal + " " + p.Commune)}
			out := parts[:0]
			for _, x := range parts {
				if strings.TrimSpace(x) != "" {
					out = append(out, strings.TrimSpace(x))
				}
			}
			return strings.Join(out, ", ")
		}
	}
	return "sur place"
}
