package appointments

import (
	"context"
	"regexp"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

// codeSent returns the last code notify stored for contact, and when it
// may be sent.
func (f *fixture) codeSent(contact string) (string, time.Time) {
	f.t.Helper()
	var body string
	var after, created time.Time
	err := f.db.QueryRowContext(context.Background(), `SELECT body, send_after, created_at FROM notify_messages
		WHERE event = 'appointment_code' AND recipient = $1 ORDER BY id DESC LIMIT 1`, contact).Scan(&body, &after, &created)
	if err != nil {
		f.t.Fatalf("no code sent to %s: %v", contact, err)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(body)
	if code == "" {
		f.t.Fatalf("the message holds no code:\n%s", body)
	}
	return code, after.UTC()
}

func TestABookingCountsOnlyWithTheCodeSentToTheContact(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	// At night: the code goes out at once all the same.
	f.clock.Set(time.Date(2026, 3, 2, 23, 30, 0, 0, Paris))
	h, token, err := f.svc.Hold(ctx, Request{SlotID: slots[0].ID, PersonName: "Awa Diallo", Contact: "06 12 34 56 78"})
	if err != nil {
		t.Fatal(err)
	}
	if h.Contact != "+33612345678" || h.MaskedContact() != "numéro se terminant par 78" {
		t.Errorf("hold = %+v, masked %q", h, h.MaskedContact())
	}
	code, sendAt := f.codeSent("+33612345678")
	if sendAt.After(f.clock.Now().Add(time.Minute)) {
		t.Errorf("the code waits until %v, want at once", sendAt)
	}
	// Nothing is booked yet.
	if sl, _ := f.svc.Slot(ctx, slots[0].ID); sl.Booked != 0 || f.sent.count(notify.AppointmentBooked) != 0 {
		t.Fatalf("booked before the code: %+v", sl)
	}
	// Another token, one character away (never the same character: a
	// token ending in "A" made this test fail once in 64 runs).
	other := []byte(token)
	other[len(other)-1] ^= 1
	if _, err := f.svc.HoldByToken(ctx, string(other)); !errs.Is(err, errs.NotFound) {
		t.Errorf("another token: %v", err)
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if _, _, err := f.svc.Confirm(ctx, token, wrong); !hasFieldError(err, "code") {
		t.Errorf("a wrong code: %v", err)
	}
	b, manage, err := f.svc.Confirm(ctx, token, code[:3]+" "+code[3:])
	if err != nil {
		t.Fatal(err)
	}
	if b.Status != Booked || b.Contact != "+33612345678" || b.PersonName != "Awa Diallo" || len(manage) != 43 {
		t.Errorf("booking = %+v", b)
	}
	if sl, _ := f.svc.Slot(ctx, slots[0].ID); sl.Booked != 1 || f.sent.count(notify.AppointmentBooked) != 1 {
		t.Errorf("after the code: booked %d, %d confirmations", sl.Booked, f.sent.count(notify.AppointmentBooked))
	}
	// The code serves once.
	if _, _, err := f.svc.Confirm(ctx, token, code); !errs.Is(err, errs.NotFound) {
		t.Errorf("the code a second time: %v", err)
	}
	if sl, _ := f.svc.Slot(ctx, slots[0].ID); sl.Booked != 1 {
		t.Errorf("booked %d after a second confirmation", sl.Booked)
	}
}

func TestACodeEndsAfterItsTriesOrItsTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(2)
	_, token, err := f.svc.Hold(ctx, Request{SlotID: slots[0].ID, PersonName: "Awa", Contact: "awa@exemple.fr"})
	if err != nil {
		t.Fatal(err)
	}
	code, _ := f.codeSent("awa@exemple.fr")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for i := 1; i < MaxCodeTries; i++ {
		if _, _, err := f.svc.Confirm(ctx, token, wrong); !hasFieldError(err, "code") {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	if _, _, err := f.svc.Confirm(ctx, token, wrong); !errs.Is(err, errs.NotFound) {
		t.Errorf("the last try: %v", err)
	}
	if _, _, err := f.svc.Confirm(ctx, token, code); !errs.Is(err, errs.NotFound) {
		t.Errorf("the right code after too many tries: %v", err)
	}
	_, token, err = f.svc.Hold(ctx, Request{SlotID: slots[0].ID, PersonName: "Awa", Contact: "awa@exemple.fr"})
	if err != nil {
		t.Fatal(err)
	}
	code, _ = f.codeSent("awa@exemple.fr")
	f.clock.Advance(HoldFor + time.Second)
	if _, _, err := f.svc.Confirm(ctx, token, code); !errs.Is(err, errs.NotFound) {
		t.Errorf("the code after its time: %v", err)
	}
	// A contact gets a few codes an hour, no more.
	for i := 2; i < MaxCodesPerHour; i++ {
		if _, _, err := f.svc.Hold(ctx, Request{SlotID: slots[1].ID, PersonName: "Awa", Contact: "awa@exemple.fr"}); err != nil {
			t.Fatalf("code %d: %v", i+1, err)
		}
	}
	if _, _, err := f.svc.Hold(ctx, Request{SlotID: slots[1].ID, PersonName: "Awa", Contact: "awa@exemple.fr"}); !hasFieldError(err, "contact") {
		t.Errorf("one code too many: %v", err)
	}
	// A full slot holds nothing.
	f.book(slots[2].ID, "06 11 22 33 44")
	f.book(slots[2].ID, "06 11 22 33 45")
	if _, _, err := f.svc.Hold(ctx, Request{SlotID: slots[2].ID, PersonName: "Zoé", Contact: "zoe@exemple.fr"}); !errs.Is(err, errs.Conflict) {
		t.Errorf("a hold on a full slot: %v", err)
	}
}

func TestStaffCancelForAPersonAndDeleteOnlyFreeSlots(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	b, token := f.book(slots[0].ID, "awa@exemple.fr")
	// A booked slot cannot go before its booking is cancelled.
	if err := f.svc.DeleteSlot(ctx, f.org.ID, slots[0].ID, f.mediat.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("deleting a booked slot: %v", err)
	}
	if _, err := f.svc.CancelForPerson(ctx, f.other.ID, b.ID, f.mediat.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure cancels: %v", err)
	}
	got, err := f.svc.CancelForPerson(ctx, f.org.ID, b.ID, f.mediat.ID)
	if err != nil || got.Status != Cancelled {
		t.Fatalf("cancel for the person: %+v, %v", got, err)
	}
	if f.sent.count(notify.AppointmentCancelled) != 1 {
		t.Errorf("the person was told %d times, want once", f.sent.count(notify.AppointmentCancelled))
	}
	if seen, _ := f.svc.ByToken(ctx, token); seen.Status != Cancelled {
		t.Errorf("the person's link shows %s", seen.Status)
	}
	if _, err := f.svc.CancelForPerson(ctx, f.org.ID, b.ID, f.mediat.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("cancelling twice: %v", err)
	}
	var audited int
	f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE event = 'appointments.cancelled_by_staff'`).Scan(&audited)
	if audited != 1 {
		t.Errorf("%d audit entries for the cancellation", audited)
	}
	// Free now: it goes, with its cancelled booking; another structure's
	// and a begun one stay.
	if err := f.svc.DeleteSlot(ctx, f.other.ID, slots[0].ID, f.mediat.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure deletes: %v", err)
	}
	if err := f.svc.DeleteSlot(ctx, f.org.ID, slots[0].ID, f.mediat.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Slot(ctx, slots[0].ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("the deleted slot is still there: %v", err)
	}
	if _, err := f.svc.ByToken(ctx, token); !errs.Is(err, errs.NotFound) {
		t.Errorf("the cancelled booking of a deleted slot: %v", err)
	}
	f.clock.Set(slots[1].StartsAt.Add(time.Minute))
	if err := f.svc.DeleteSlot(ctx, f.org.ID, slots[1].ID, f.mediat.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("deleting a begun slot: %v", err)
	}
}

func hasFieldError(err error, field string) bool {
	for _, fe := range errs.FieldsOf(err) {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// TestEveryHoldSendsItsCode: a hold claimed and the next one made get each
// their code, even when the database gives the second the first's id.
func TestEveryHoldSendsItsCode(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(3)
	for i, contact := range []string{"p0@exemple.fr", "p1@exemple.fr", "p2@exemple.fr"} {
		_, token, err := f.svc.Hold(ctx, Request{SlotID: slots[0].ID, PersonName: "Un", Contact: contact})
		if err != nil {
			t.Fatal(err)
		}
		code, _ := f.codeSent(contact)
		if _, _, err := f.svc.Confirm(ctx, token, code); err != nil {
			t.Fatalf("booking %d: %v", i, err)
		}
	}
	if sl, _ := f.svc.Slot(ctx, slots[0].ID); sl.Booked != 3 {
		t.Errorf("booked %d, want 3", sl.Booked)
	}
}

// TestANewBookingOnADeletedOnesIDIsConfirmedAndCancelled: a slot deleted
// takes its cancelled bookings with it, and on SQLite the next slot and
// the next booking take their ids again. The messages of a booking are
// keyed by its id and its creation time, so that the new person still
// hears of their booking and of its cancellation.
func TestANewBookingOnADeletedOnesIDIsConfirmedAndCancelled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	last := slots[len(slots)-1]
	old, token := f.book(last.ID, "awa@exemple.fr")
	if _, err := f.svc.Cancel(ctx, token); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteSlot(ctx, f.org.ID, last.ID, f.mediat.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	slots = f.series(1) // the deleted slot again
	b, token := f.book(slots[len(slots)-1].ID, "binta@exemple.fr")
	t.Logf("deleted booking %d on slot %d, new booking %d on slot %d", old.ID, last.ID, b.ID, b.SlotID)
	if _, err := f.svc.Cancel(ctx, token); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []notify.Kind{notify.AppointmentBooked, notify.AppointmentCancelled} {
		var n int
		if err := f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_messages WHERE recipient = $1 AND event = $2`,
			"binta@exemple.fr", string(kind)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d %s messages for the new booking, want 1", n, kind)
		}
	}
}
