package demo

import (
	"context"
	"testing"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/listening"
	"guichet/internal/observatory"
)

// TestDemoObservatoryIsAlive: four editions, greens, yellows, reds and
// greys, one alert on the prime d'activité and a priority list; a second
// load adds nothing.
func TestDemoObservatoryIsAlive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := demoCatalogue(t)
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	ls := listening.New(f.db, listening.Options{Now: clock})
	obs := observatory.New(f.db, observatory.Options{Now: clock, Procedures: observatory.FromCatalogue(f.cat, nil), Listening: ls,
		Figures: backoffice.New(f.db, backoffice.Options{Now: clock})})
	for range 2 {
		if err := LoadObservatory(ctx, obs, ls, f.cat, now); err != nil {
			t.Fatal(err)
		}
	}
	eds, err := obs.Editions(ctx)
	if err != nil || len(eds) != 4 || eds[0].Frozen || !eds[1].Frozen || !eds[3].Frozen {
		t.Fatalf("editions = %+v, %v; want the current one and three frozen", eds, err)
	}
	b, err := obs.Board(ctx, obs.Current())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]observatory.Colour{}
	for _, r := range b.Rows {
		got[r.Slug] = r.Values[observatory.Satisfaction].Colour
	}
	for slug, want := range map[string]observatory.Colour{"carte-vitale": observatory.Vert, "prime-activite": observatory.Jaune,
		"carte-grise": observatory.Rouge, "allocations-familiales": observatory.Gris} {
		if got[slug] != want {
			t.Errorf("satisfaction of %s is %q; want %q", slug, got[slug], want)
		}
	}
	// The demo's past probes and response times: disponibilité and temps
	// de chargement of the procedure done on Guichet.
	for _, r := range b.Rows {
		if r.Slug != "changement-adresse" {
			continue
		}
		for _, k := range []observatory.Key{observatory.Disponibilite, observatory.TempsDeChargement} {
			if v := r.Values[k]; v.Num == nil || v.Answers == 0 || v.Colour == observatory.NoColour {
				t.Errorf("%s of changement-adresse = %+v; want a value with its colour", k, v)
			}
		}
	}
	alerts, err := obs.Alerts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	drops := 0
	for _, a := range alerts {
		if a.Procedure == "prime-activite" && a.Cause == "variation:satisfaction" {
			drops++
		}
	}
	if drops != 1 {
		t.Errorf("%d alerts of a drop on prime-activite in %+v; want one", drops, alerts)
	}
	if len(b.Priorities()) == 0 {
		t.Error("no priority")
	}
	sum, err := ls.ProcedureSummary(ctx, "carte-vitale")
	if err != nil || sum.Answers != 4*140 {
		t.Errorf("carte-vitale has %d answers, %v; want 560 once", sum.Answers, err)
	}
}
