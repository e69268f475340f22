package dossiers

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/notify"
	"guichet/internal/testkit"
)

// fixture is a fresh database with two administrations, an agent in each,
// two citizens and a dossiers service on a clock the test moves.
type fixture struct {
	db           *database.DB
	ids          *identity.Service
	svc          *Service
	clock        *testkit.Clock
	mairie, caf  Agent
	marie, paul  *identity.User
	filesDir     string
	allowSeveral bool
	notifier     *notify.Service
	// queue runs the receipt jobs (and only those: notify's send handler
	// is not registered, its messages stay in the table for the tests).
	queue *jobs.Queue
	// failNotify makes the notifier fail after storing its messages, as a
	// notification that cannot be stored does.
	failNotify bool
}

// Notify hands ev to the real notify service, then fails when the test
// asks: the messages it stored must go with the rest of the transaction.
func (f *fixture) Notify(ctx context.Context, ev notify.Event) error {
	if err := f.notifier.Notify(ctx, ev); err != nil {
		return err
	}
	if f.failNotify {
		return errors.New("notification could not be stored")
	}
	return nil
}

// body returns the e-mail body of the only message of kind stored for the
// dossier's person.
func (f *fixture) body(t testing.TB, kind notify.Kind) string {
	t.Helper()
	var body string
	if err := f.db.QueryRowContext(context.Background(), `SELECT recipient || ' ' || subject || ' ' || body FROM notify_messages WHERE event = $1`,
		string(kind)).Scan(&body); err != nil {
		t.Fatalf("message %s: %v", kind, err)
	}
	return body
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	clock := testkit.NewClock(testkit.Start)
	f := &fixture{db: db, clock: clock, ids: identity.NewService(db, testkit.Box(t), identity.Config{}, clock.Now),
		filesDir: t.TempDir()}
	f.notifier = notify.New(db, notify.Options{Now: clock.Now, Box: testkit.Box(t)})
	f.queue = jobs.New(db, jobs.Options{Logger: slog.New(slog.DiscardHandler)})
	f.svc = New(db, Options{Now: clock.Now, FilesDir: f.filesDir, BaseURL: "https://guichet.test", Notifier: f, Jobs: f.queue,
		MaxFileSize: 1 << 20, MaxDossierSize: 3 << 20,
		AllowsSeveral: func(p string) bool { return f.allowSeveral && p == "acte-naissance" }})
	f.mairie = f.agent(t, ctx, "mairie", "Mairie de Lyon", "Ali Benali")
	f.caf = f.agent(t, ctx, "caf", "Caisse d'allocations familiales", "Luc Moreau")
	f.marie = f.citizen(t, ctx, "marie@example.fr", "Marie Dupont")
	f.paul = f.citizen(t, ctx, "paul@example.fr", "Paul Martin")
	return f
}

func (f *fixture) agent(t testing.TB, ctx context.Context, slug, name, person string) Agent {
	t.Helper()
	org, err := f.ids.CreateOrganisation(ctx, slug, name, identity.KindAdministration)
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.ids.CreateUser(ctx, identity.NewUser{Email: slug + "@example.fr", Name: person,
		Password: "un-mot-de-passe-de-test-2026", Role: identity.RoleAgent, OrgSlug: slug})
	if err != nil {
		t.Fatal(err)
	}
	return Agent{UserID: u.ID, OrgID: org.ID}
}

func (f *fixture) citizen(t testing.TB, ctx context.Context, email, name string) *identity.User {
	t.Helper()
	u, err := f.ids.CreateUser(ctx, identity.NewUser{Email: email, Name: name, Password: "un-mot-de-passe-de-test-2026"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// draft starts the person's draft of acte-naissance at the mairie.
func (f *fixture) draft(t testing.TB, u *identity.User) *Dossier {
	t.Helper()
	d, _, err := f.svc.StartDraft(context.Background(), Start{UserID: u.ID, Procedure: "acte-naissance",
		OrgID: f.mairie.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// submitted starts, fills and sends a dossier of u.
func (f *fixture) submitted(t testing.TB, u *identity.User) *Dossier {
	t.Helper()
	ctx := context.Background()
	d := f.draft(t, u)
	if _, err := f.svc.SavePage(ctx, u.ID, d.ID, Page{Number: 0, Fields: []string{"nom"},
		Values: Answers{"nom": TextAnswer("Dupont")}, Next: 1}); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Submit(ctx, Submitter{UserID: u.ID, Email: u.Email, Name: u.Name}, d.ID,
		Receipt{ProcedureTitle: "Demander un acte de naissance"})
	if err != nil {
		t.Fatal(err)
	}
	f.work(t)
	return d
}

// work runs the due receipt jobs, as a worker does, and fails the test on
// the first job that fails.
func (f *fixture) work(t testing.TB) {
	t.Helper()
	for {
		ran, err := f.queue.Work(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}

func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// pdfBytes is a small file that starts as a PDF does.
func pdfBytes(n int) []byte {
	b := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), max(0, n-9))...)
	return b
}

var _ = time.Second
