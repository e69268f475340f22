package identity

import (
	"context"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/testkit"
)

// start is the instant every fixture's clock starts at.
var start = testkit.Start

type fixture struct {
	svc   *Service
	db    *database.DB
	clock *testkit.Clock
	ctx   context.Context
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel()
	db := dbtest.Open(t)
	c := testkit.NewClock(start)
	cfg := Config{BaseURL: "https://guichet.example/", Issuer: "Guichet"}
	return &fixture{svc: NewService(db, testkit.Box(t), cfg, c.Now), db: db, clock: c, ctx: context.Background()}
}

const goodPassword = "une phrase de passe longue"

// citizen creates a citizen account with goodPassword.
func (f *fixture) citizen(t *testing.T, email string) *User {
	t.Helper()
	u, err := f.svc.CreateUser(f.ctx, NewUser{Email: email, Name: "Camille Martin", Password: goodPassword})
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return u
}

// org creates an organisation.
func (f *fixture) org(t *testing.T, slug string, kind OrgKind) *Organisation {
	t.Helper()
	o, err := f.svc.CreateOrganisation(f.ctx, slug, "Organisation "+slug, kind)
	if err != nil {
		t.Fatalf("create organisation %s: %v", slug, err)
	}
	return o
}

// wantKind fails the test unless err is an *errs.Error of kind.
func wantKind(t *testing.T, err error, kind errs.Kind) {
	t.Helper()
	if err == nil || errs.KindOf(err) != kind || (kind != errs.Internal && errs.MessageOf(err) == "") {
		t.Fatalf("got error %v (kind %v), want kind %v with a message", err, errs.KindOf(err), kind)
	}
}

// events returns the names of the audit events of userID, oldest first.
func (f *fixture) events(t *testing.T, userID int64) []string {
	t.Helper()
	evs, err := f.svc.AuditEvents(f.ctx, userID, 100)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(evs))
	for i, e := range evs {
		out[len(evs)-1-i] = e.Event
	}
	return out
}
