package forms

import (
	"context"
	"testing"

	"guichet/internal/errs"
)

// fields lists the fields of problems, in their order.
func fields(problems []errs.FieldError) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.Field)
	}
	return out
}

// TestCheckAnswersKeepsPublishedVersions checks answers against a draft
// and a published version: the draft is read again at each check (it
// changes), a published version is read once and kept, and a version that
// does not exist is not found.
func TestCheckAnswersKeepsPublishedVersions(t *testing.T) {
	ctx := context.Background()
	svc, db, _ := newService(t, "prime-naissance")
	slug := "prime-naissance"
	if _, err := svc.CheckAnswers(ctx, slug, 1, Answers{}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("check against no form: %v", err)
	}
	if _, err := svc.SaveDraft(ctx, slug, 0, *testForm()); err != nil {
		t.Fatal(err)
	}
	answers := Answers{"nom": {Text: "Dupont"}, "parent": {Text: "non"}}
	draft, err := svc.CheckAnswers(ctx, slug, 1, answers)
	if err != nil {
		t.Fatal(err)
	}
	_, wantProblems := testForm().ValidateAll(answers)
	if got, w := fields(draft), fields(wantProblems); len(got) == 0 || len(got) != len(w) {
		t.Fatalf("problems of the draft = %v, want %v", got, w)
	}
	// The draft changes: its check follows.
	lighter := *testForm()
	lighter.Pages = lighter.Pages[:1]
	if _, err := svc.SaveDraft(ctx, slug, 0, lighter); err != nil {
		t.Fatal(err)
	}
	if p, err := svc.CheckAnswers(ctx, slug, 1, answers); err != nil || len(p) != 0 {
		t.Fatalf("problems of the edited draft = %v, %v; want none", fields(p), err)
	}
	if _, err := svc.Publish(ctx, slug, 0); err != nil {
		t.Fatal(err)
	}
	if p, err := svc.CheckAnswers(ctx, slug, 1, Answers{}); err != nil || len(p) == 0 {
		t.Fatalf("empty answers against the published version: %v, %v; want the required ones", fields(p), err)
	}
	// Published, version 1 never changes: what was read is kept, and a
	// definition changed behind the service's back is not read again.
	if _, err := db.ExecContext(ctx, `UPDATE form_versions SET definition = '{}' WHERE procedure_slug = $1`, slug); err != nil {
		t.Fatal(err)
	}
	if p, err := svc.CheckAnswers(ctx, slug, 1, Answers{}); err != nil || len(p) == 0 {
		t.Fatalf("the kept version was read again: %v, %v", fields(p), err)
	}
	if _, err := svc.CheckAnswers(ctx, slug, 2, Answers{}); !errs.Is(err, errs.NotFound) {
		t.Fatalf("check against version 2: %v", err)
	}
}
