package listening_test

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/listening"
	"guichet/internal/testkit"
	"guichet/internal/testkit/demokit"
)

func TestActionFromProposalsTellsItsFollowersAndRollsUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, clock)
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	agent, err := ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	s := listening.New(db, listening.Options{Now: clock, Box: testkit.Box(t), BaseURL: "https://guichet.example"})
	m := listening.Moderator{UserID: agent.ID, OrgID: caf.ID}
	idea, err := s.Suggest(ctx, listening.Idea{Procedure: "rsa", OwnerOrgID: caf.ID, Title: "Pièces", Body: "Toutes au début."}, agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	story, err := s.Tell(ctx, listening.Story{Procedure: "rsa", Title: "Pièces redemandées",
		Body: "On m'a demandé trois fois la même pièce.", Email: "camille@exemple.fr"}, caf.ID, "203.0.113.5")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Indicator: "bonheur"}, m); !errs.Is(err, errs.Invalid) {
		t.Fatalf("action without title: %v", err)
	}
	parent, err := s.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", Title: "Simplifier les pièces",
		Indicator: "clarte", OwnerID: agent.ID}, m)
	if err != nil {
		t.Fatal(err)
	}
	child, err := s.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", ParentID: parent, Weight: 3,
		Title: "Liste des pièces au début", Indicator: "clarte", Sources: []listening.Source{{Kind: "idee", ID: idea}, {Kind: "experience", ID: story}}}, m)
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateAction(ctx, listening.Plan{OrgID: caf.ID, Procedure: "rsa", ParentID: parent, Title: "Relire le courrier", Indicator: "clarte"}, m)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Follow(ctx, child, "Paul@Exemple.fr", "198.51.100.3"); err != nil {
		t.Fatal(err)
	}
	if err := s.Follow(ctx, child, "paul@exemple.fr", "198.51.100.3"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMilestone(ctx, child, "Nouveau formulaire en ligne", time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), m); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, child, listening.ActionAbandoned, "", 0, m); !errs.Is(err, errs.Invalid) {
		t.Fatalf("abandoned without a reason: %v", err)
	}
	if err := s.SetStatus(ctx, child, listening.ActionOngoing, "", 60, m); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, other, listening.ActionOngoing, "", 20, m); err != nil {
		t.Fatal(err)
	}
	// The agent whose idea it is, the person who told the experience and
	// Paul (once) are told: three e-mails for the child's change.
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("mails = %d, %v; want 3", n, err)
	}
	board, err := s.ProcedureActions(ctx, caf.ID, "rsa")
	if err != nil || len(board) != 1 || len(board[0].Children) != 2 {
		t.Fatalf("board = %+v, %v", board, err)
	}
	// (60×3 + 20×1) / 4 = 50.
	if got := board[0].Progress; got != 50 {
		t.Fatalf("parent progress = %d, want 50", got)
	}
	c := board[0].Children[0]
	if len(c.Milestones) != 1 || len(c.Sources) != 2 || c.IndicatorLabel() != "Clarté des informations" {
		t.Fatalf("child = %+v", c)
	}
	sg, err := s.SuggestionByID(ctx, idea, agent.ID)
	if err != nil || sg.Status != listening.SuggestionAction {
		t.Fatalf("idea status = %v, %v", sg.Status, err)
	}
}
