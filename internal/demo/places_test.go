package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/testkit"
)

// TestLoadPlaces loads the demo places twice: the first run adds them and
// hands the Villeurbanne France Services site to its demo structure, the
// second adds nothing and leaves the claimed place alone.
func TestLoadPlaces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	ids := identity.NewService(db, testkit.Box(t), identity.Config{BaseURL: "http://guichet.test"}, time.Now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 5, 7, 8, 0, 0, 0, time.UTC)
	pl := places.New(db, places.Options{Now: func() time.Time { return now }})
	first, err := LoadPlaces(ctx, pl, ids)
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, rep := range first {
		added += rep.Imported
		if rep.Updated != 0 || rep.Kept != 0 {
			t.Errorf("first load: %s, want only additions", rep)
		}
	}
	if added < 280 {
		t.Errorf("first load added %d places, want about 300", added)
	}
	second, err := LoadPlaces(ctx, pl, ids)
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, rep := range second {
		kept += rep.Kept
		if rep.Imported != 0 {
			t.Errorf("second load: %s, want no addition", rep)
		}
	}
	if kept != 1 {
		t.Errorf("second load kept %d claimed places, want 1", kept)
	}
	org, err := ids.OrganisationBySlug(ctx, ClaimedPlaceOrg)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := pl.ListByOrg(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine[0].ID != ClaimedPlaceID || mine[0].Commune != "Villeurbanne" {
		t.Errorf("places of %s = %+v, want the Villeurbanne France Services site", ClaimedPlaceOrg, mine)
	}
	results, total, origin, err := pl.Search(ctx, places.Query{Text: "Villeurbanne"})
	if err != nil || total == 0 || origin == nil || origin.Name == "" {
		t.Fatalf("search Villeurbanne: %d results, origin %+v, %v", total, origin, err)
	}
	if d := results[0].DistanceKm; d == nil || *d > 5 {
		t.Errorf("nearest place to Villeurbanne at %v km, want within 5 km", d)
	}
}
