package appointments

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

func TestSeriesPublishesSlotsInParisTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	slots := f.series(1)
	// Tuesdays 3 and 10 March, 9:00 to 12:00 by 30 minutes: 6 a day.
	if len(slots) != 12 {
		t.Fatalf("got %d slots, want 12", len(slots))
	}
	first := slots[0]
	if got := first.StartsAt.In(Paris).Format("Mon 2006-01-02 15:04"); got != "Tue 2026-03-03 09:00" {
		t.Errorf("first slot starts %s, want Tue 2026-03-03 09:00 in Paris", got)
	}
	if first.Minutes() != 30 || first.Capacity != 1 || first.PlaceID != f.place.Key {
		t.Errorf("first slot = %+v", first)
	}
	// Typing the same series again creates nothing more.
	n, err := f.svc.CreateSeries(context.Background(), Series{OrgID: f.org.ID, Mode: string(OnSite), PlaceID: f.place.Key,
		From: "02/03/2026", To: "15/03/2026", Weekdays: []string{"2"}, Start: "9 h", End: "12h00", Minutes: 30, Capacity: 1})
	if err != nil || n != 0 {
		t.Errorf("same series again: %d created, %v; want 0", n, err)
	}
}

func TestSeriesReportsEveryProblemInFormOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.svc.CreateSeries(context.Background(), Series{OrgID: f.org.ID, Mode: string(Video), VideoURL: "http://x",
		From: "1/1/2020", To: "31/02/2026", Start: "25:00", End: "99", Minutes: 7, Capacity: 0})
	var got []string
	for _, fe := range errs.FieldsOf(err) {
		got = append(got, fe.Field)
	}
	want := "video_url from to weekdays start end minutes capacity"
	if strings.Join(got, " ") != want {
		t.Errorf("fields %v, want %s", got, want)
	}
	// A place of another structure is refused.
	_, err = f.svc.CreateSeries(context.Background(), Series{OrgID: f.other.ID, Mode: string(OnSite), PlaceID: f.place.Key,
		From: "3/3/2026", To: "3/3/2026", Weekdays: []string{"2"}, Start: "9:00", End: "10:00", Minutes: 30, Capacity: 1})
	if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != "place_id" {
		t.Errorf("another structure's place: %v", err)
	}
}

func TestBookWithoutAccountAndFindByTokenOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	slots := f.series(2)
	b, token := f.book(slots[0].ID, "06 12 34 56 78")
	if b.Contact != "+33612345678" || b.Channel != "sms" || len(token) != 43 {
		t.Errorf("booking = %+v, token %q", b, token)
	}
	got, err := f.svc.ByToken(context.Background(), token)
	if err != nil || got.ID != b.ID || got.Contact != "+33612345678" {
		t.Fatalf("ByToken: %+v, %v", got, err)
	}
	// Another token, however close, finds nothing.
	other, _ := newToken()
	flipped := []byte(token)
	flipped[10] ^= 1
	for _, tok := range []string{other, string(flipped), token[:42], "", strings.Repeat("A", 43)} {
		if _, err := f.svc.ByToken(context.Background(), tok); !errs.Is(err, errs.NotFound) {
			t.Errorf("token %q: %v, want not found", tok, err)
		}
		if _, err := f.svc.Cancel(context.Background(), tok); !errs.Is(err, errs.NotFound) {
			t.Errorf("cancel with token %q: %v, want not found", tok, err)
		}
	}
	if n := f.sent.count(notify.AppointmentBooked); n != 1 {
		t.Errorf("%d confirmations, want 1", n)
	}
	if e := f.sent.sent[0]; e.Recipient.Phone != "+33612345678" || !strings.HasSuffix(e.Data["link"], "/rendez-vous/gerer/"+token) {
		t.Errorf("confirmation = %+v", e)
	}
	// The contact is sealed in the table.
	var stored string
	if err := f.db.QueryRow(`SELECT contact FROM appointment_bookings WHERE id = $1`, b.ID).Scan(&stored); err != nil ||
		strings.Contains(stored, "612345678") {
		t.Errorf("stored contact %q, %v: want it sealed", stored, err)
	}
}

func TestBookingChecksTheContact(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	slots := f.series(1)
	for _, c := range []string{"", "camille@", "01 23 45 67 89", "Camille <c@x.fr>", "06 12"} {
		_, _, err := f.svc.Book(context.Background(), Request{SlotID: slots[0].ID, PersonName: "", Contact: c})
		fe := errs.FieldsOf(err)
		if len(fe) != 2 || fe[0].Field != "person_name" || fe[1].Field != "contact" {
			t.Errorf("contact %q: %v", c, err)
		}
	}
	b, _ := f.book(slots[0].ID, "Camille.Martin@Exemple.fr")
	if b.Channel != "email" || b.Contact != "camille.martin@exemple.fr" {
		t.Errorf("e-mail booking = %+v", b)
	}
}

func TestCapacityHoldsUnderConcurrentBookings(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	slots := f.series(3)
	const tries = 16
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, full := 0, 0
	for i := 0; i < tries; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := f.svc.Book(context.Background(), Request{SlotID: slots[0].ID, PersonName: "P",
				Contact: fmt.Sprintf("p%d@exemple.fr", i)})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errs.Is(err, errs.Conflict):
				full++
			default:
				t.Errorf("book: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok != 3 || full != tries-3 {
		t.Errorf("%d booked, %d told it is full; want 3 and %d", ok, full, tries-3)
	}
	sl, err := f.svc.Slot(context.Background(), slots[0].ID)
	if err != nil || sl.Booked != 3 {
		t.Errorf("slot booked = %d, %v; want 3", sl.Booked, err)
	}
	var rows int
	f.db.QueryRow(`SELECT COUNT(*) FROM appointment_bookings WHERE slot_id = $1`, slots[0].ID).Scan(&rows)
	if rows != 3 {
		t.Errorf("%d bookings stored, want 3", rows)
	}
}

func TestCancelAndMoveKeepTheCounts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	_, token := f.book(slots[0].ID, "p@exemple.fr")
	// Full: a second person cannot take it.
	if _, _, err := f.svc.Book(ctx, Request{SlotID: slots[0].ID, PersonName: "Q", Contact: "q@exemple.fr"}); !errs.Is(err, errs.Conflict) {
		t.Fatalf("second booking on a full slot: %v", err)
	}
	b, err := f.svc.Move(ctx, token, slots[1].ID)
	if err != nil || b.SlotID != slots[1].ID || b.Sequence != 1 {
		t.Fatalf("move: %+v, %v", b, err)
	}
	for i, want := range []int{0, 1} {
		if sl, _ := f.svc.Slot(ctx, slots[i].ID); sl.Booked != want {
			t.Errorf("slot %d booked %d, want %d", i, sl.Booked, want)
		}
	}
	// A slot of another structure is not a place to move to.
	if _, err := f.svc.Move(ctx, token, 999999); !errs.Is(err, errs.NotFound) {
		t.Errorf("move to an unknown slot: %v", err)
	}
	if _, err := f.svc.Cancel(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Cancel(ctx, token); err != nil {
		t.Errorf("cancel twice: %v", err)
	}
	if sl, _ := f.svc.Slot(ctx, slots[1].ID); sl.Booked != 0 {
		t.Errorf("after cancel slot booked %d, want 0", sl.Booked)
	}
	if _, err := f.svc.Move(ctx, token, slots[2].ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("move a cancelled booking: %v", err)
	}
	if f.sent.count(notify.AppointmentBooked) != 2 || f.sent.count(notify.AppointmentCancelled) != 1 {
		t.Errorf("events %v", f.sent.keys)
	}
}

// TestEveryMoveIsConfirmed: a booking moved to a slot, away, then back to
// it gets a confirmation for each move, the last one too; moving it again
// to the slot it is on sends nothing more.
func TestEveryMoveIsConfirmed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	_, token := f.book(slots[0].ID, "awa@exemple.fr")
	for _, to := range []int{1, 2, 1, 1} {
		if _, err := f.svc.Move(ctx, token, slots[to].ID); err != nil {
			t.Fatalf("move to slot %d: %v", to, err)
		}
	}
	var n int
	if err := f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_messages WHERE recipient = $1 AND event = $2`,
		"awa@exemple.fr", string(notify.AppointmentBooked)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d confirmations for a booking and three moves, want 4", n)
	}
}

func TestReminderGoesOnceTheDayBefore(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(2) // first slot: Tuesday 3 March 9:00 Paris, 23 hours after Start
	later := slots[6]    // Tuesday 10 March 9:00
	_, token := f.book(later.ID, "06 12 34 56 78")
	// Booked less than a day before: the confirmation stands for the reminder.
	f.book(slots[0].ID, "p@exemple.fr")
	if n, err := f.svc.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("sweep a week before: %d, %v", n, err)
	}
	f.clock.Set(later.StartsAt.Add(-20 * time.Hour))
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := f.svc.Sweep(ctx)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	if n, _ := f.svc.Sweep(ctx); total != 1 || n != 0 {
		t.Errorf("reminders sent %d then %d, want 1 then 0", total, n)
	}
	if f.sent.count(notify.AppointmentReminder) != 1 {
		t.Errorf("events %v", f.sent.keys)
	}
	var messages int
	f.db.QueryRow(`SELECT COUNT(*) FROM notify_messages WHERE event = 'appointment_reminder'`).Scan(&messages)
	if messages != 1 {
		t.Errorf("%d reminder messages stored, want 1", messages)
	}
	rem := f.sent.sent[len(f.sent.sent)-1]
	if !strings.HasSuffix(rem.Data["link"], token) || rem.Data["when"] != "mardi 10 mars 2026 à 9 h 00" {
		t.Errorf("reminder data %v", rem.Data)
	}
	// Moved to a later slot, the booking is reminded of the new one.
	if _, err := f.svc.Move(ctx, token, slots[11].ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(slots[11].StartsAt.Add(-2 * time.Hour))
	if n, _ := f.svc.Sweep(ctx); n != 0 {
		// Moved within a day of the new slot: the new confirmation stands for it.
		t.Errorf("reminders after a late move: %d", n)
	}
}

func TestNoShowIsStaffsAfterTheTime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	b, _ := f.book(slots[0].ID, "p@exemple.fr")
	if _, err := f.svc.MarkNoShow(ctx, f.org.ID, b.ID, f.mediat.ID); !errs.Is(err, errs.Conflict) {
		t.Errorf("no-show before the time: %v", err)
	}
	f.clock.Set(slots[0].StartsAt.Add(10 * time.Minute))
	if _, err := f.svc.MarkNoShow(ctx, f.other.ID, b.ID, f.mediat.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("no-show by another structure: %v", err)
	}
	if got, err := f.svc.MarkNoShow(ctx, f.org.ID, b.ID, f.mediat.ID); err != nil || got.Status != NoShow {
		t.Errorf("no-show: %+v, %v", got, err)
	}
	if _, list, err := f.svc.BookingsOfSlot(ctx, f.org.ID, slots[0].ID, f.mediat.ID); err != nil || len(list) != 1 || list[0].Status != NoShow {
		t.Errorf("bookings of slot: %+v, %v", list, err)
	}
	if _, _, err := f.svc.BookingsOfSlot(ctx, f.other.ID, slots[0].ID, f.mediat.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure reads the slot: %v", err)
	}
	var audited int
	f.db.QueryRow(`SELECT COUNT(*) FROM audit_events WHERE event IN ('appointments.read', 'appointments.no_show')`).Scan(&audited)
	if audited != 2 {
		t.Errorf("%d audit entries, want 2", audited)
	}
}

func TestOneContactHoldsFewAppointmentsAndPhoneSlotsNeedAPhone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	slots := f.series(1)
	for i := 0; i < MaxPerContact; i++ {
		f.book(slots[i].ID, "06 12 34 56 78")
	}
	_, _, err := f.svc.Book(ctx, Request{SlotID: slots[MaxPerContact].ID, PersonName: "P", Contact: "+33 6 12 34 56 78"})
	if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != "contact" {
		t.Errorf("a %dth appointment with the same number: %v", MaxPerContact+1, err)
	}
	// A mediator booking for people is not held to it.
	if _, _, err := f.svc.Book(ctx, Request{SlotID: slots[MaxPerContact].ID, PersonName: "P", Contact: "06 12 34 56 78",
		BookedBy: f.mediat.ID}); err != nil {
		t.Errorf("mediator's booking: %v", err)
	}
	if _, err := f.svc.CreateSeries(ctx, Series{OrgID: f.org.ID, Mode: string(Phone), From: "4/3/2026", To: "4/3/2026",
		Weekdays: []string{"3"}, Start: "14:00", End: "15:00", Minutes: 30, Capacity: 1}); err != nil {
		t.Fatal(err)
	}
	all, _ := f.svc.SlotsOfStructure(ctx, f.org.ID, f.clock.Now(), f.clock.Now().Add(30*24*time.Hour))
	var phone int64
	for _, sl := range all {
		if sl.Mode == Phone {
			phone = sl.ID
		}
	}
	_, _, err = f.svc.Book(ctx, Request{SlotID: phone, PersonName: "P", Contact: "p@exemple.fr"})
	if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != "contact" {
		t.Errorf("phone slot with an e-mail: %v", err)
	}
}
