package listening_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"guichet/internal/database"

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
	plan := listening.Plan{OrgID: caf.ID, Procedure: "rsa", ParentID: parent, Weight: 3,
		Title: "Liste des pièces au début", Indicator: "clarte", Sources: []listening.Source{{Kind: "idee", ID: idea}, {Kind: "experience", ID: story}}}
	// An agent is no owner: the idea is not theirs to turn into an action.
	if _, err := s.CreateAction(ctx, plan, m); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("an agent turns an idea into an action: %v", err)
	}
	owner := m
	owner.MayAnswer = func(org int64) bool { return org == caf.ID }
	child, err := s.CreateAction(ctx, plan, owner)
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
	// The person who told the experience is asked to confirm, and so is
	// Paul (twice, as he asked twice); of the child's change only the agent
	// whose idea it is hears, the others not having confirmed yet.
	if got := mailsTo(t, db, "camille@exemple.fr"); len(got) != 1 || !strings.Contains(got[0], "Votre expérience « Pièces redemandées »") {
		t.Fatalf("mails to the experience's author = %q", got)
	}
	paul := mailsTo(t, db, "paul@exemple.fr")
	if len(paul) != 2 || !strings.Contains(paul[1], "/confirmer") || !strings.Contains(paul[1], "/arreter") {
		t.Fatalf("mails to Paul = %q", paul)
	}
	if got := mailsTo(t, db, agent.Email); len(got) != 1 || !strings.Contains(got[0], "En cours") || !strings.Contains(got[0], "/actions/suivi/") {
		t.Fatalf("mails to the agent = %q", got)
	}
	// Paul's first link was replaced by the second.
	if _, err := s.ConfirmFollowing(ctx, linkIn(t, paul[0], "confirmer")); !errs.Is(err, errs.NotFound) {
		t.Fatalf("an old link confirms: %v", err)
	}
	f, err := s.ConfirmFollowing(ctx, linkIn(t, paul[1], "confirmer"))
	if err != nil || f.ActionID != child || !f.Confirmed {
		t.Fatalf("confirm = %+v, %v", f, err)
	}
	if err := s.SetStatus(ctx, child, listening.ActionDone, "", 0, m); err != nil {
		t.Fatal(err)
	}
	paul = mailsTo(t, db, "paul@exemple.fr")
	if len(paul) != 3 || !strings.Contains(paul[2], "Réalisée") {
		t.Fatalf("after confirming, Paul's mails = %q", paul)
	}
	if _, err := s.StopFollowing(ctx, linkIn(t, paul[2], "arreter")); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, child, listening.ActionOngoing, "", 60, m); err != nil {
		t.Fatal(err)
	}
	if got := mailsTo(t, db, "paul@exemple.fr"); len(got) != 3 {
		t.Fatalf("Paul stopped following yet got %d mails", len(got))
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

// mailsTo returns the bodies of the e-mails queued to address, oldest first.
func mailsTo(t *testing.T, db *database.DB, address string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT payload FROM jobs WHERE kind = 'mail.send' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		plain, err := testkit.Box(t).Open(raw)
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ To, Body string }
		if err := json.Unmarshal(plain, &m); err != nil {
			t.Fatal(err)
		}
		if m.To == address {
			out = append(out, m.Body)
		}
	}
	return out
}

// linkIn returns the token of the link to what ("confirmer", "arreter") in a mail.
func linkIn(t *testing.T, body, what string) string {
	t.Helper()
	m := regexp.MustCompile(`/actions/suivi/([0-9a-f]{64})/` + what).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link to %s in %q", what, body)
	}
	return m[1]
}
