package backoffice

import (
	"context"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/testkit"
	"guichet/internal/webhooks"
)

// world is two administrations, each with an agent and a procedure, a
// second agent at the CAF on no team, and a citizen with a dossier at each.
type world struct {
	svc                  *Service
	dos                  *dossiers.Service
	db                   *database.DB
	clock                *testkit.Clock
	marie                int64
	caf, mairie          int64 // organisation ids
	luc, zoe, ali        int64 // agents: luc and zoe at the CAF, ali at the mairie
	cafDossier, mairieDo *dossiers.Dossier
	// hooks publishes the dossiers' events to the CAF's endpoint (never
	// tried here: no queue runs), so that tests count what agents' actions
	// published.
	hooks    *webhooks.Service
	endpoint int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	clock := testkit.NewClock(testkit.Start)
	ids := identity.NewService(db, testkit.Box(t), identity.Config{}, clock.Now)
	hooks := webhooks.New(db, webhooks.Options{Now: clock.Now, Box: testkit.Box(t)})
	w := &world{dos: dossiers.New(db, dossiers.Options{Now: clock.Now, Webhooks: hooks}), db: db, clock: clock, hooks: hooks}
	w.svc = New(db, Options{Now: clock.Now, Dossiers: w.dos})
	org := func(slug, proc string) int64 {
		o, err := ids.CreateOrganisation(ctx, slug, slug, identity.KindAdministration)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO procedures (slug, org_id, latest_revision, created_at, updated_at)
VALUES ($1, $2, 1, $3, $3)`, proc, o.ID, clock.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	user := func(email, name, org string, role identity.Role) int64 {
		u, err := ids.CreateUser(ctx, identity.NewUser{Email: email, Name: name,
			Password: "un-mot-de-passe-de-test-2026", Role: role, OrgSlug: org})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	w.caf, w.mairie = org("caf", "prime-naissance"), org("mairie", "acte-naissance")
	_, ep, err := hooks.Create(ctx, 0, w.caf, "https://si.caf.exemple/guichet", []string{webhooks.DossierStateChanged})
	if err != nil {
		t.Fatal(err)
	}
	w.endpoint = ep.ID
	w.luc = user("luc@example.fr", "Luc Moreau", "caf", identity.RoleAgent)
	w.zoe = user("zoe@example.fr", "Zoé Petit", "caf", identity.RoleAgent)
	w.ali = user("ali@example.fr", "Ali Benali", "mairie", identity.RoleAgent)
	marie := user("marie@example.fr", "Marie Dupont", "", "")
	w.marie = marie
	w.cafDossier = submit(t, w.dos, marie, "prime-naissance", w.caf)
	w.mairieDo = submit(t, w.dos, marie, "acte-naissance", w.mairie)
	return w
}

func submit(t *testing.T, s *dossiers.Service, userID int64, proc string, orgID int64) *dossiers.Dossier {
	t.Helper()
	ctx := context.Background()
	d, _, err := s.StartDraft(ctx, dossiers.Start{UserID: userID, Procedure: proc, OrgID: orgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	d, err = s.Submit(ctx, dossiers.Submitter{UserID: userID, Email: "marie@example.fr", Name: "Marie Dupont"}, d.ID,
		dossiers.Receipt{ProcedureTitle: proc})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAnAgentSeesOnlyTheProceduresOfTheirTeam(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	q, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Rows) != 0 {
		t.Fatalf("an agent on no team sees %d dossiers", len(q.Rows))
	}
	if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", w.luc, 0); err != nil {
		t.Fatal(err)
	}
	q, err = w.svc.Queue(ctx, w.caf, w.luc, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Rows) != 1 || q.Rows[0].ID != w.cafDossier.ID || q.Counts[dossiers.InConstruction] != 1 || q.Total != 1 {
		t.Fatalf("queue = %+v", q)
	}
	// The same agent asking for the mairie sees nothing of it.
	if q, _ := w.svc.Queue(ctx, w.mairie, w.luc, Filter{}); len(q.Rows) != 0 {
		t.Fatalf("an agent sees another organisation's dossiers: %+v", q.Rows)
	}
	// Zoé, at the CAF too but on no team, still sees nothing.
	if q, _ := w.svc.Queue(ctx, w.caf, w.zoe, Filter{}); len(q.Rows) != 0 {
		t.Fatalf("an agent off the team sees %d dossiers", len(q.Rows))
	}
	if err := w.svc.RemoveAgent(ctx, w.caf, "prime-naissance", w.luc, 0); err != nil {
		t.Fatal(err)
	}
	if q, _ := w.svc.Queue(ctx, w.caf, w.luc, Filter{}); len(q.Rows) != 0 {
		t.Fatalf("a removed agent still sees %d dossiers", len(q.Rows))
	}
}

func TestAnOwnerCannotTouchAnotherOrganisationsTeam(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	// The mairie's procedure, from the CAF: not found.
	if err := w.svc.AddAgent(ctx, w.caf, "acte-naissance", w.luc, 0); !errs.Is(err, errs.NotFound) {
		t.Fatalf("adding to another organisation's procedure: %v", err)
	}
	// An agent of the mairie onto a CAF procedure: refused.
	if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", w.ali, 0); !errs.Is(err, errs.Invalid) {
		t.Fatalf("adding another organisation's agent: %v", err)
	}
	if team, _ := w.svc.Team(ctx, w.caf, "prime-naissance"); len(team) != 0 {
		t.Fatalf("team = %v", team)
	}
}

func TestQueueFilters(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", w.luc, 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    Filter
		want int
	}{
		{"by reference with its dash", Filter{Search: w.cafDossier.ShownReference()}, 1},
		{"by part of the name", Filter{Search: "dupon"}, 1},
		{"by a name nobody has", Filter{Search: "Durand"}, 0},
		{"by state", Filter{State: dossiers.InConstruction}, 1},
		{"by another state", Filter{State: dossiers.Accepted}, 0},
		{"by procedure", Filter{Procedure: "prime-naissance"}, 1},
		{"waiting for the citizen", Filter{Waiting: true}, 0},
		{"received later", Filter{From: testkit.Start.AddDate(0, 0, 1)}, 0},
	} {
		q, err := w.svc.Queue(ctx, w.caf, w.luc, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(q.Rows) != c.want {
			t.Errorf("%s: %d rows, want %d", c.name, len(q.Rows), c.want)
		}
	}
	if err := w.dos.RequestCorrection(ctx, w.cafDossier.ID, dossiers.Agent{UserID: w.luc, OrgID: w.caf},
		dossiers.Incomplete, []string{"nom"}, "Il manque votre nom."); err != nil {
		t.Fatal(err)
	}
	q, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{Waiting: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Rows) != 1 || !q.Rows[0].Waiting || q.Rows[0].Label() != "À corriger" {
		t.Fatalf("waiting = %+v", q.Rows)
	}
}

func TestTwoAgentsActingFromTheSameVersionNeverBothSucceed(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	for _, id := range []int64{w.luc, w.zoe} {
		if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", id, 0); err != nil {
			t.Fatal(err)
		}
	}
	id := w.cafDossier.ID
	v, err := w.svc.Version(ctx, w.caf, w.luc, id)
	if err != nil {
		t.Fatal(err)
	}
	// Both agents read the page at version v, then act at once.
	act := func(agent int64, to dossiers.State, motive string) error {
		return w.svc.Act(ctx, w.caf, agent, id, v, func(ctx context.Context) error {
			return w.dos.Move(ctx, id, dossiers.Agent{UserID: agent, OrgID: w.caf}, to, motive)
		})
	}
	results := make(chan error, 2)
	go func() { results <- act(w.luc, dossiers.InInstruction, "") }()
	go func() { results <- act(w.zoe, dossiers.Refused, "Pièce manquante.") }()
	var ok, changed int
	for range 2 {
		switch err := <-results; {
		case err == nil:
			ok++
		case errs.Is(err, errs.Conflict):
			changed++
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if ok != 1 || changed != 1 {
		t.Fatalf("%d succeeded and %d were told it changed, want 1 and 1", ok, changed)
	}
	// The action refused took its webhook event with it: one state change, one event.
	if list, err := w.hooks.Deliveries(ctx, w.caf, w.endpoint, 0); err != nil || len(list) != 1 {
		t.Fatalf("%d deliveries of state changes (%v), want 1", len(list), err)
	}
	// A stale version is refused even alone, and changes nothing.
	if err := act(w.luc, dossiers.Closed, "Doublon."); !errs.Is(err, errs.Conflict) {
		t.Fatalf("acting from a stale version: %v", err)
	}
	// From the current version, the action goes through.
	nv, err := w.svc.Version(ctx, w.caf, w.luc, id)
	if err != nil || nv == v {
		t.Fatalf("version after a change: %d (was %d), %v", nv, v, err)
	}
}

func TestActIsRefusedOffTheTeam(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	id := w.cafDossier.ID
	if _, err := w.svc.Version(ctx, w.caf, w.zoe, id); !errs.Is(err, errs.NotFound) {
		t.Fatalf("an agent off the team reads a version: %v", err)
	}
	// The mairie's agent, asking through their own organisation: not found.
	if _, err := w.svc.Version(ctx, w.mairie, w.ali, id); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation's dossier: %v", err)
	}
	called := false
	err := w.svc.Act(ctx, w.caf, w.zoe, id, 0, func(context.Context) error { called = true; return nil })
	if !errs.Is(err, errs.NotFound) || called {
		t.Fatalf("acting off the team: %v, action run %v", err, called)
	}
}

func TestNotesStayWithTheTeam(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", w.luc, 0); err != nil {
		t.Fatal(err)
	}
	id := w.cafDossier.ID
	if err := w.svc.AddNote(ctx, w.caf, w.luc, id, "  "); !errs.Is(err, errs.Invalid) {
		t.Fatalf("empty note: %v", err)
	}
	if err := w.svc.AddNote(ctx, w.caf, w.luc, id, "Appeler la mairie pour vérifier."); err != nil {
		t.Fatal(err)
	}
	notes, err := w.svc.Notes(ctx, w.caf, w.luc, id)
	if err != nil || len(notes) != 1 || notes[0].Author != "Luc Moreau" {
		t.Fatalf("notes = %+v, %v", notes, err)
	}
	if _, err := w.svc.Notes(ctx, w.caf, w.zoe, id); !errs.Is(err, errs.NotFound) {
		t.Fatalf("an agent off the team reads the notes: %v", err)
	}
	if err := w.svc.AddNote(ctx, w.caf, w.zoe, id, "x"); !errs.Is(err, errs.NotFound) {
		t.Fatalf("an agent off the team writes a note: %v", err)
	}
}
