package demo

import (
	"context"
	"testing"

	"guichet/internal/filestore"
	"guichet/internal/listening"
	"guichet/internal/testkit"
)

func TestDemoFeedbackIsLoadedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := demoCatalogue(t)
	ls := listening.New(f.db, listening.Options{})
	n, err := LoadFeedback(ctx, ls, f.cat)
	if err != nil || n != 24+30 {
		t.Fatalf("LoadFeedback = %d, %v", n, err)
	}
	if again, err := LoadFeedback(ctx, ls, f.cat); err != nil || again != 0 {
		t.Fatalf("second LoadFeedback = %d, %v; want nothing new", again, err)
	}
	sum, err := ls.ProcedureSummary(ctx, "rsa")
	if err != nil || sum.Answers != 24 || sum.NoHelp == 0 || sum.Tried == 0 || sum.Reached == sum.Tried {
		t.Fatalf("rsa summary = %+v, %v; want a varied mix", sum, err)
	}
}

func TestDemoParticipationIsLoadedOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := demoCatalogue(t)
	ls := listening.New(f.db, listening.Options{Box: testkit.Box(t), Files: filestore.Dir(t.TempDir())})
	for range 2 {
		if err := LoadParticipation(ctx, ls, f.ids); err != nil {
			t.Fatal(err)
		}
	}
	caf, err := f.ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	tuts, err := ls.ProcedureTutorials(ctx, "rsa", 0)
	if err != nil || len(tuts) != 1 {
		t.Fatalf("tutorials = %v, %v", tuts, err)
	}
	tut, err := ls.TutorialByID(ctx, "rsa", tuts[0].ID, 0)
	if err != nil || len(tut.Steps) != 3 || !tut.Steps[0].HasPicture() || tut.Steps[1].Transcript == "" {
		t.Fatalf("tutorial = %+v, %v", tut, err)
	}
	if list, err := ls.Practices(ctx, "", ""); err != nil || len(list) != 4 {
		t.Fatalf("toolbox = %d entries, %v", len(list), err)
	}
	board, err := ls.ProcedureActions(ctx, caf.ID, "rsa")
	if err != nil || len(board) != 1 || len(board[0].Milestones) != 2 || len(board[0].Sources) != 2 || board[0].Progress != 40 {
		t.Fatalf("board = %+v, %v", board, err)
	}
	exps, err := ls.PublishedExperiences(ctx, "rsa")
	if err != nil || len(exps) != 2 {
		t.Fatalf("experiences = %d, %v", len(exps), err)
	}
	stats, err := ls.OrgReplyStats(ctx, caf.ID)
	if err != nil || stats.Answered != 2 {
		t.Fatalf("reply stats = %+v, %v", stats, err)
	}
}
