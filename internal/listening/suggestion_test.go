package listening_test

import (
	"context"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/listening"
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
