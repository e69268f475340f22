// Package helpkit gives the tests of the help structures' modules
// (appointments, activity reports) what they stand on: a help structure
// managing one France Services place, an administration, and accounts. It
// is built here rather than with demokit, which imports internal/demo, which
// loads those modules' demo data.
package helpkit

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/testkit"
)

// World is a help structure (Org) managing Place, an administration
// (Other), a mediator of Org, a citizen and an agent of Other.
type World struct {
	IDs                      *identity.Service
	Places                   *places.Service
	Org, Other               *identity.Organisation
	Place                    *places.Place
	Mediator, Citizen, Agent *identity.User
}

// placesCSV is the demo's extract of the France Services file, read from
// this package's source folder whichever package's test runs.
func placesCSV(t testing.TB) string {
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("helpkit: source folder unknown")
	}
	return filepath.Join(filepath.Dir(here), "..", "..", "demo", "places", "france-services-2022-12-extrait.csv")
}

// New builds the World in db, telling time with now.
func New(t testing.TB, db *database.DB, now func() time.Time) *World {
	t.Helper()
	ctx := context.Background()
	w := &World{IDs: identity.NewService(db, testkit.Box(t), identity.Config{}, now), Places: places.New(db, places.Options{Now: now})}
	var err error
	if w.Org, err = w.IDs.CreateOrganisation(ctx, "france-services-villeurbanne", "France Services de Villeurbanne", identity.KindHelpStructure); err != nil {
		t.Fatal(err)
	}
	if w.Other, err = w.IDs.CreateOrganisation(ctx, "caf", "CAF du Rhône", identity.KindAdministration); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		to **identity.User
		nu identity.NewUser
	}{
		{&w.Mediator, identity.NewUser{Email: "mediateur@exemple.fr", Name: "Karim Benali", Password: "mediateur-test-2026", Role: identity.RoleMediator, OrgSlug: "france-services-villeurbanne"}},
		{&w.Citizen, identity.NewUser{Email: "usager@exemple.fr", Name: "Camille Martin", Password: "usager-test-2026"}},
		{&w.Agent, identity.NewUser{Email: "agent@exemple.fr", Name: "Sophie Durand", Password: "agent-test-2026-x", Role: identity.RoleAgent, OrgSlug: "caf"}},
	} {
		if *u.to, err = w.IDs.CreateUser(ctx, u.nu); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(placesCSV(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := w.Places.Import(ctx, f, places.FranceServicesCSV); err != nil {
		t.Fatal(err)
	}
	if w.Place, err = w.Places.GetByID(ctx, places.SourceFranceServices, "955"); err != nil {
		t.Fatal(err)
	}
	if err := w.Places.Claim(ctx, w.Place.Key, w.Org.ID); err != nil {
		t.Fatal(err)
	}
	if w.Place, err = w.Places.Get(ctx, w.Place.Key); err != nil {
		t.Fatal(err)
	}
	return w
}
