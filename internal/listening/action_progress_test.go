package listening_test

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/listening"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

// TestActionsUnderWayByProcedure: the actions studied or under way come
// by procedure; proposed, done and abandoned ones, and those about no
// procedure, do not.
func TestActionsUnderWayByProcedure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, clock)
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	s := listening.New(db, listening.Options{Now: clock, Box: testkit.Box(t)})
	m := listening.Moderator{OrgID: caf.ID}
	for _, c := range []struct {
		procedure, title string
		status           listening.ActionStatus
		reason           string
	}{{"rsa", "En cours", listening.ActionOngoing, ""}, {"rsa", "À l'étude", listening.ActionStudied, ""},
		{"rsa", "Proposée", listening.ActionProposed, ""}, {"rsa", "Réalisée", listening.ActionDone, ""},
		{"rsa", "Abandonnée", listening.ActionAbandoned, "Plus utile"}, {"", "Toute la CAF", listening.ActionOngoing, ""},
		{"aah", "Autre démarche", listening.ActionOngoing, ""}} {
		id, err := s.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: c.procedure, Title: c.title, Indicator: "clarte"}, m)
		if err != nil {
			t.Fatal(err)
		}
		if c.status != listening.ActionProposed {
			if err := s.SetStatus(ctx, id, c.status, c.reason, 40, m); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := s.ActionsUnderWay(ctx)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string][]string{}
	for slug, as := range got {
		for _, a := range as {
			titles[slug] = append(titles[slug], a.Title+" "+string(a.Status))
		}
	}
	if len(titles) != 2 || len(titles["rsa"]) != 2 || len(titles["aah"]) != 1 {
		t.Errorf("actions under way = %v; want rsa's studied and ongoing, and aah's", titles)
	}
}
