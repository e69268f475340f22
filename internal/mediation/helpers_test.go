package mediation

import (
	"context"
	"sync"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/notify"
	"guichet/internal/testkit"
)

// fakeNotifier keeps the events instead of sending them.
type fakeNotifier struct {
	mu     sync.Mutex
	events []notify.Event
}

func (n *fakeNotifier) Notify(_ context.Context, e notify.Event) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.events = append(n.events, e)
	return nil
}

type fixture struct {
	t     *testing.T
	db    *database.DB
	clock *testkit.Clock
	svc   *Service
	sent  *fakeNotifier
}

const (
	orgA, orgB       = 11, 12
	person, mediator = 101, 201
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, db: dbtest.Open(t), clock: testkit.NewClock(testkit.Start), sent: &fakeNotifier{}}
	f.svc = New(f.db, Options{Now: f.clock.Now, Key: testkit.Key(), Notify: f.sent, BaseURL: "http://guichet.test",
		OrgName: func(context.Context, int64) (string, error) { return "France Services de Villeurbanne", nil }})
	return f
}

// mandate creates a mandate of person for orgA, with the person's account.
func (f *fixture) mandate(days int, cats ...string) *Mandate {
	f.t.Helper()
	m, err := f.svc.Create(context.Background(), Draft{OrgID: orgA, MediatorID: mediator, IdentifyBy: ByAccount,
		PersonUserID: person, PersonName: "Camille Martin", Categories: cats, Days: days,
		TextVersion: TextVersion, Consent: true})
	if err != nil {
		f.t.Fatalf("create mandate: %v", err)
	}
	return m
}

func (f *fixture) verify() Verification {
	f.t.Helper()
	v, err := VerifyJournal(context.Background(), f.db)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func day(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
