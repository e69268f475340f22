package appointments

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/notify"
	"guichet/internal/places"
	"guichet/internal/testkit"
	"guichet/internal/testkit/helpkit"
)

// recorder keeps the events it passes on to the real notify service, so
// that tests both count them and know notify accepts them.
type recorder struct {
	next *notify.Service
	mu   sync.Mutex
	keys []string
	sent []notify.Event
}

func (r *recorder) Notify(ctx context.Context, e notify.Event) error {
	if err := r.next.Notify(ctx, e); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys = append(r.keys, e.IdempotencyKey)
	r.sent = append(r.sent, e)
	return nil
}

func (r *recorder) count(kind notify.Kind) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.sent {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

type fixture struct {
	t      *testing.T
	db     *database.DB
	clock  *testkit.Clock
	svc    *Service
	sent   *recorder
	org    *identity.Organisation
	other  *identity.Organisation
	place  *places.Place
	mediat *identity.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, db: dbtest.Open(t), clock: testkit.NewClock(testkit.Start)}
	w := helpkit.New(t, f.db, f.clock.Now)
	f.org, f.other, f.place, f.mediat = w.Org, w.Other, w.Place, w.Mediator
	f.sent = &recorder{next: notify.New(f.db, notify.Options{Now: f.clock.Now, Box: testkit.Box(t),
		Logger: slog.New(slog.DiscardHandler)})}
	f.svc = New(f.db, Options{Now: f.clock.Now, Box: testkit.Box(t), Key: testkit.Key(), Notify: f.sent, Places: w.Places,
		BaseURL: "http://guichet.test", OrgName: func(context.Context, int64) (string, error) {
			return "France Services de Villeurbanne", nil
		}})
	return f
}

// series publishes on-site slots on the fixture's place: every Tuesday of
// the two weeks after testkit.Start (Monday 2 March 2026), 9:00 to 12:00
// by 30 minutes, each for capacity people.
func (f *fixture) series(capacity int) []Slot {
	f.t.Helper()
	ctx := context.Background()
	if _, err := f.svc.CreateSeries(ctx, Series{OrgID: f.org.ID, ActorID: f.mediat.ID, Mode: string(OnSite),
		PlaceID: f.place.Key, From: "2/3/2026", To: "15/3/2026", Weekdays: []string{"2"}, Start: "9:00", End: "12:00",
		Minutes: 30, Capacity: capacity}); err != nil {
		f.t.Fatalf("series: %v", err)
	}
	slots, err := f.svc.SlotsOfStructure(ctx, f.org.ID, f.clock.Now(), f.clock.Now().Add(30*24*time.Hour))
	if err != nil {
		f.t.Fatal(err)
	}
	return slots
}

func (f *fixture) book(slotID int64, contact string) (*Booking, string) {
	f.t.Helper()
	b, token, err := f.svc.Book(context.Background(), Request{SlotID: slotID, PersonName: "Awa Diallo", Contact: contact})
	if err != nil {
		f.t.Fatalf("book slot %d: %v", slotID, err)
	}
	return b, token
}
