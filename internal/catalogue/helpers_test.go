package catalogue

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/testkit"
)

// fixture is a fresh database with two administrations, an owner in each, and a catalogue
// service on a clock the test moves.
type fixture struct {
	db        *database.DB
	ids       *identity.Service
	svc       *Service
	clock     *testkit.Clock
	caf, cpam Editor // caf and cpam are the owners of each organisation.
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	box := testkit.Box(t)
	clock := testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	f := &fixture{db: db, clock: clock, ids: identity.NewService(db, box, identity.Config{}, clock.Now)}
	var err error
	f.svc, err = New(db, Options{Now: clock.Now, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	f.caf = f.owner(t, ctx, "caf", "Caisse d'allocations familiales", "Luc Moreau")
	f.cpam = f.owner(t, ctx, "cpam", "Caisse primaire d'assurance maladie", "Nadia Roux")
	return f
}

// owner creates an organisation and a procedure owner in it, and returns them as an Editor.
func (f *fixture) owner(t testing.TB, ctx context.Context, slug, name, person string) Editor {
	t.Helper()
	org, err := f.ids.CreateOrganisation(ctx, slug, name, identity.KindAdministration)
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.ids.CreateUser(ctx, identity.NewUser{Email: slug + "@example.fr", Name: person,
		Password: "un-mot-de-passe-de-test-2026", Role: identity.RoleProcedureOwner, OrgSlug: slug})
	if err != nil {
		t.Fatal(err)
	}
	return Editor{UserID: u.ID, OrgID: org.ID}
}

// sampleProcedure returns a complete procedure that can be published.
func sampleProcedure(slug, title string) Procedure {
	return Procedure{
		Slug:       slug,
		Title:      title,
		Summary:    "Une aide pour payer une partie du loyer. Elle dépend de vos ressources.",
		FALC:       "Vous payez un loyer.\nLa CAF peut vous aider.\nVous faites la demande sur internet.",
		Audience:   "Les locataires.",
		Conditions: []string{"Payer un loyer", "Avoir des ressources modestes"},
		Documents:  []string{"Votre bail"},
		Cost:       "Gratuit",
		Delay:      "Environ un mois",
		Channels: []Channel{
			{Kind: ChannelExternal, Label: "Sur le site de la CAF", URL: "https://www.caf.fr/"},
			{Kind: ChannelInPerson, Label: "À l'accueil de la CAF"},
		},
		Category:    "logement",
		Synonyms:    []string{"apl", "aide au loyer"},
		Volume:      1000,
		HelpContact: HelpContact{Label: "CAF", Phone: "3230"},
		OfflineWay:  "Allez à l'accueil de la CAF avec votre bail.",
	}
}

func mustSnapshot(t testing.TB, s *Service) *Snapshot {
	t.Helper()
	sn, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sn
}
