package activity

import (
	"context"
	"os"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/testkit"
)

// world is what the tests of this package stand on: a help structure
// managing one France Services place, an administration, and accounts.
// It is built here rather than with demokit, which imports internal/demo,
// which loads this package's demo data.
type world struct {
	ids                      *identity.Service
	places                   *places.Service
	org, other               *identity.Organisation
	place                    *places.Place
	mediator, citizen, agent *identity.User
}

func newWorld(t *testing.T, db *database.DB, now func() time.Time) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{ids: identity.NewService(db, testkit.Box(t), identity.Config{}, now), places: places.New(db, places.Options{Now: now})}
	var err error
	if w.org, err = w.ids.CreateOrganisation(ctx, "france-services-villeurbanne", "France Services de Villeurbanne", identity.KindHelpStructure); err != nil {
		t.Fatal(err)
	}
	if w.other, err = w.ids.CreateOrganisation(ctx, "caf", "CAF du Rhône", identity.KindAdministration); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		to **identity.User
		nu identity.NewUser
	}{
		{&w.mediator, identity.NewUser{Email: "mediateur@exemple.fr", Name: "Karim Benali", Password: "mediateur-test-2026", Role: identity.RoleMediator, OrgSlug: "france-services-villeurbanne"}},
		{&w.citizen, identity.NewUser{Email: "usager@exemple.fr", Name: "Camille Martin", Password: "usager-test-2026"}},
		{&w.agent, identity.NewUser{Email: "agent@exemple.fr", Name: "Sophie Durand", Password: "agent-test-2026-x", Role: identity.RoleAgent, OrgSlug: "caf"}},
	} {
		if *u.to, err = w.ids.CreateUser(ctx, u.nu); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open("../demo/places/france-services-2022-12-extrait.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := w.places.Import(ctx, f, places.FranceServicesCSV); err != nil {
		t.Fatal(err)
	}
	if w.place, err = w.places.GetByID(ctx, places.SourceFranceServices, "955"); err != nil {
		t.Fatal(err)
	}
	if err := w.places.Claim(ctx, w.place.Key, w.org.ID); err != nil {
		t.Fatal(err)
	}
	if w.place, err = w.places.Get(ctx, w.place.Key); err != nil {
		t.Fatal(err)
	}
	return w
}
