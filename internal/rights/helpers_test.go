package rights

import (
	"context"
	"log/slog"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/catalogue"
	"guichet/internal/consent"
	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/demo"
	"guichet/internal/eligibility"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/mediation"
	"guichet/internal/notify"
	"guichet/internal/profile"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

// fixture is the module over the demo catalogue and accounts, on a clock
// the test moves, with the jobs run by hand.
type fixture struct {
	t       *testing.T
	ctx     context.Context
	db      *database.DB
	clock   *testkit.Clock
	ids     *identity.Service
	cat     *catalogue.Service
	profile *profile.Service
	med     *mediation.Service
	queue   *jobs.Queue
	svc     *Service
	person  int64
	// applied is what Options.Applied answers: the procedures the
	// person sent a dossier for.
	applied []string
}

func newFixture(t *testing.T, at time.Time) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: dbtest.Open(t), clock: testkit.NewClock(at)}
	f.ids = demokit.Identity(t, f.db, f.clock.Now)
	var err error
	if f.cat, err = catalogue.New(f.db, catalogue.Options{Now: f.clock.Now, Box: testkit.Box(t)}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.LoadCatalogue(f.ctx, f.cat, f.ids); err != nil {
		t.Fatal(err)
	}
	f.queue = jobs.New(f.db, jobs.Options{Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler)})
	n := notify.New(f.db, notify.Options{Now: f.clock.Now, Jobs: f.queue, Box: testkit.Box(t),
		Mail:   mail.NewOutbox(filepath.Join(t.TempDir(), "mail")),
		Logger: slog.New(slog.DiscardHandler)})
	f.profile = profile.New(f.db, profile.Options{Now: f.clock.Now, Box: testkit.Box(t)})
	f.med = mediation.New(f.db, mediation.Options{Now: f.clock.Now, Key: testkit.Key(), BaseURL: demokit.BaseURL})
	f.svc = New(f.db, Options{Now: f.clock.Now, Catalogue: f.cat, Profile: f.profile,
		Consent: consent.New(f.db, consent.Options{Now: f.clock.Now}), Mediation: f.med,
		AccessLog: accesslog.New(f.db, accesslog.Options{Now: f.clock.Now}), Notify: n, Queue: f.queue,
		BaseURL: demokit.BaseURL, Applied: func(context.Context, int64) ([]string, error) { return f.applied, nil }})
	u, err := f.ids.UserByEmail(f.ctx, "usager@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	f.person = u.ID
	return f
}

// keep keeps a "Mes droits" result for the person: the answers given
// over a single adult of 40, tenant, without resources nor activity.
func (f *fixture) keep(changes map[string]string) {
	f.t.Helper()
	form := url.Values{"age": {"40"}, "couple": {"non"}, "enfants": {"0"}, "grossesse": {"non"},
		"ressources_mensuelles": {"0"}, "logement": {"locataire"}, "activite": {"sans_activite"},
		"handicap": {"non"}, "residence_reguliere": {"oui"}}
	for k, v := range changes {
		form.Set(k, v)
	}
	a, bad := eligibility.ParseAnswers(form)
	if len(bad) > 0 {
		f.t.Fatalf("answers: %v", bad)
	}
	if _, err := f.cat.KeepResult(f.ctx, f.person, a); err != nil {
		f.t.Fatal(err)
	}
}

// slugs lists the slugs of the person's suggestions.
func (f *fixture) slugs() []string {
	f.t.Helper()
	list, err := f.svc.List(f.ctx, f.person)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, s := range list {
		out = append(out, s.Slug)
	}
	return out
}

// count runs a COUNT(*) query.
func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRowContext(f.ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// work runs every job due now.
func (f *fixture) work() {
	f.t.Helper()
	for {
		ran, err := f.queue.Work(f.ctx)
		if err != nil {
			f.t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}

// paris is a time in Paris.
func paris(t *testing.T, y int, m time.Month, d, h, min int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// failures returns the last errors of failed or retried jobs.
func (f *fixture) failures() []string {
	rows, err := f.db.QueryContext(f.ctx, `SELECT kind, COALESCE(last_error, '') FROM jobs WHERE last_error IS NOT NULL`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k, e string
		rows.Scan(&k, &e)
		out = append(out, k+": "+e)
	}
	return out
}
