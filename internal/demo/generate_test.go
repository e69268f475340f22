package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/catalogue"
	"guichet/internal/database/dbtest"
	"guichet/internal/forms"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// TestGenerate fills a database with a few thousand generated dossiers and
// answers: every state is there with its timeline, the citizen owns the
// number asked, the demo agent is assigned dossiers of their team, and the
// answers spread over four quarters. A second run adds as many again.
func TestGenerate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	box := testkit.Box(t)
	ids := identity.NewService(db, box, identity.Config{BaseURL: "http://guichet.test"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	cat, err := catalogue.New(db, catalogue.Options{Box: box})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCatalogue(ctx, cat, ids); err != nil {
		t.Fatal(err)
	}
	fm := forms.New(db, forms.Options{})
	if _, err := LoadForms(ctx, fm); err != nil {
		t.Fatal(err)
	}
	bo := backoffice.New(db, backoffice.Options{})
	if err := LoadTeams(ctx, bo, ids); err != nil {
		t.Fatal(err)
	}
	targets, err := GenerateTargets(ctx, cat, fm, bo)
	if err != nil {
		t.Fatal(err)
	}
	citizen, _ := ids.UserByEmail(ctx, Accounts[0].Email)
	agent, _ := ids.UserByEmail(ctx, "agent@demo.guichet.test")
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	opts := GenerateOptions{Dossiers: 6000, Feedback: 7000, Citizen: citizen.ID, CitizenDossiers: 120, Seed: 7, Now: now}
	rep, err := Generate(ctx, db, targets, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dossiers != 6000 || rep.Feedback != 7000 || rep.People < 6000/9 || rep.Events < 2*6000 || rep.Messages == 0 {
		t.Fatalf("report %+v", rep)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for _, state := range []string{"brouillon", "en_construction", "en_instruction", "accepte", "refuse", "sans_suite"} {
		if n := count(`SELECT COUNT(*) FROM dossiers WHERE state = $1`, state); n < 6000/30 {
			t.Errorf("%d dossiers %s", n, state)
		}
	}
	if n := count(`SELECT COUNT(*) FROM dossiers WHERE user_id = $1`, citizen.ID); n != 120 {
		t.Errorf("the citizen owns %d dossiers, want 120", n)
	}
	if n := count(`SELECT COUNT(*) FROM dossiers WHERE assigned_to = $1 AND procedure_slug = 'prime-naissance'`, agent.ID); n == 0 {
		t.Error("no dossier assigned to the demo agent")
	}
	if n := count(`SELECT COUNT(*) FROM dossiers d WHERE state <> 'brouillon' AND NOT EXISTS
(SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.kind = 'etat' AND e.to_state = d.state)`); n != 0 {
		t.Errorf("%d sent dossiers without the timeline entry of their state", n)
	}
	if n := count(`SELECT COUNT(*) FROM dossiers WHERE state IN ('refuse', 'sans_suite') AND decided_at IS NULL`); n != 0 {
		t.Errorf("%d decided dossiers without a decision date", n)
	}
	for q := range 4 {
		from, to := now.AddDate(0, -3*(q+1), 0), now.AddDate(0, -3*q, 0)
		if n := count(`SELECT COUNT(*) FROM listening_feedback WHERE answered_at >= $1 AND answered_at < $2`, from, to); n < 1000 {
			t.Errorf("quarter %d has %d answers", q, n)
		}
	}
	// References are unique, and a second run draws new ids.
	opts.Seed, opts.CitizenDossiers = 8, 0
	if _, err := Generate(ctx, db, targets, opts); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT COUNT(DISTINCT reference) FROM dossiers`); n != 12000 {
		t.Errorf("%d distinct references after two runs, want 12000", n)
	}
}

// TestGeneratedReferenceIsABijection: neighbouring ids give different
// references of the references' alphabet.
func TestGeneratedReferenceIsABijection(t *testing.T) {
	seen := map[string]bool{}
	for id := int64(1); id <= 200_000; id++ {
		r := generatedReference(id)
		if len(r) != 8 || seen[r] {
			t.Fatalf("id %d: %q (seen %v)", id, r, seen[r])
		}
		seen[r] = true
	}
}
