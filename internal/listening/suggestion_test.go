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

func TestSuggestionVotedOnceCommentedAndAnsweredByItsOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, func() time.Time { return now })
	s := listening.New(db, listening.Options{Now: func() time.Time { return now }})
	user := func(email string) int64 {
		u, err := ids.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	agent, mediator, owner := user("agent@demo.guichet.test"), user("mediateur@demo.guichet.test"), user("responsable@demo.guichet.test")
	caf, err := ids.OrganisationBySlug(ctx, "caf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suggest(ctx, listening.Idea{Procedure: "rsa", OwnerOrgID: caf.ID}, agent); !errs.Is(err, errs.Invalid) {
		t.Fatalf("empty idea: %v", err)
	}
	id, err := s.Suggest(ctx, listening.Idea{Procedure: "rsa", OwnerOrgID: caf.ID, Title: "Pièces en une fois",
		Body: "Demander toutes les pièces dès le début."}, agent)
	if err != nil {
		t.Fatal(err)
	}
	// A colleague of another organisation votes once; the second vote is refused.
	if err := s.Vote(ctx, id, mediator); err != nil {
		t.Fatal(err)
	}
	if err := s.Vote(ctx, id, mediator); !errs.Is(err, errs.Conflict) {
		t.Fatalf("second vote: %v", err)
	}
	// The database itself holds one vote per colleague.
	if _, err := db.ExecContext(ctx, `INSERT INTO listening_suggestion_votes (suggestion_id, user_id, created_at) VALUES ($1, $2, $3)`,
		id, mediator, now); err == nil {
		t.Fatal("the database accepts a second vote")
	}
	if err := s.Comment(ctx, id, mediator, "Pareil chez nous au guichet."); err != nil {
		t.Fatal(err)
	}
	// Only the owner of the procedure's organisation answers.
	notOwner := listening.Owner{UserID: mediator, MayAnswer: func(int64) bool { return false }}
	if err := s.AnswerSuggestion(ctx, id, listening.SuggestionKept, "Oui", notOwner); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("answer by another: %v", err)
	}
	ownerOf := listening.Owner{UserID: owner, MayAnswer: func(org int64) bool { return org == caf.ID }}
	if err := s.AnswerSuggestion(ctx, id, listening.SuggestionKept, "Retenue pour le prochain formulaire.", ownerOf); err != nil {
		t.Fatal(err)
	}
	sg, err := s.SuggestionByID(ctx, id, mediator)
	if err != nil || sg.Votes != 1 || !sg.Voted || sg.AuthorName == "" || len(sg.Comments) != 1 ||
		sg.Status != listening.SuggestionKept || sg.Answer == "" {
		t.Fatalf("suggestion = %+v, %v", sg, err)
	}
	if list, err := s.Suggestions(ctx, agent); err != nil || len(list) != 1 || list[0].Voted {
		t.Fatalf("list = %+v, %v", list, err)
	}
}

func TestAnIdeaAboutTheServiceBecomesAnActionOfTheObservatoryOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db := dbtest.Open(t)
	ids := demokit.Identity(t, db, func() time.Time { return now })
	orgs := map[string]int64{}
	for _, slug := range []string{"caf", "observatoire"} {
		o, err := ids.OrganisationBySlug(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		orgs[slug] = o.ID
	}
	agent, err := ids.UserByEmail(ctx, "agent@demo.guichet.test")
	if err != nil {
		t.Fatal(err)
	}
	s := listening.New(db, listening.Options{Now: func() time.Time { return now }, Box: testkit.Box(t)})
	service, err := s.Suggest(ctx, listening.Idea{Title: "Un plan du site", Body: "Pour s'y retrouver entre les démarches."}, agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	rsa, err := s.Suggest(ctx, listening.Idea{Procedure: "rsa", OwnerOrgID: orgs["caf"], Title: "Pièces", Body: "Toutes au début."}, agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	owns := func(org int64) func(int64) bool { return func(o int64) bool { return o == org } }
	plan := func(org int64, idea int64) listening.Plan {
		return listening.Plan{OrgID: org, Title: "Un plan du site", Sources: []listening.Source{{Kind: "idee", ID: idea}}}
	}
	cafOwner := listening.Moderator{OrgID: orgs["caf"], MayAnswer: owns(orgs["caf"])}
	observatory := listening.Moderator{OrgID: orgs["observatoire"], MayAnswer: owns(0)}
	cases := []struct {
		name string
		org  int64
		idea int64
		by   listening.Moderator
		want errs.Kind
	}{
		{"the CAF's owner takes an idea about the service", orgs["caf"], service, cafOwner, errs.Forbidden},
		{"the observatory takes an idea about the RSA", orgs["observatoire"], rsa, observatory, errs.NotFound},
		{"the observatory, in the CAF's name", orgs["caf"], rsa, observatory, errs.Forbidden},
	}
	for _, c := range cases {
		if _, err := s.CreateAction(ctx, plan(c.org, c.idea), c.by); !errs.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := s.CreateAction(ctx, plan(orgs["observatoire"], service), observatory); err != nil {
		t.Fatal(err)
	}
	sg, err := s.SuggestionByID(ctx, service, agent.ID)
	if err != nil || sg.Status != listening.SuggestionAction {
		t.Fatalf("idea = %v, %v", sg.Status, err)
	}
	board, err := s.OrgActions(ctx, orgs["observatoire"])
	if err != nil || len(board) != 1 || len(board[0].Sources) != 1 {
		t.Fatalf("the observatory's board = %+v, %v", board, err)
	}
}
