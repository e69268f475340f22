package catalogue

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"guichet/internal/eligibility"
	"guichet/internal/errs"
)

func TestKeepResults(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	a, msgs := eligibility.ParseAnswers(url.Values{"age": {"34"}, "couple": {"non"}, "enfants": {"0"}})
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	id, err := f.svc.KeepResult(ctx, f.caf.UserID, a)
	if err != nil {
		t.Fatal(err)
	}
	var sealed string
	if err := f.db.QueryRowContext(ctx, `SELECT answers FROM saved_simulations WHERE id = $1`, id).Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	if sealed == "" || strings.Contains(sealed, "age=34") {
		t.Errorf("answers stored in clear: %q", sealed)
	}
	kept, err := f.svc.KeptResults(ctx, f.caf.UserID)
	if err != nil || len(kept) != 1 {
		t.Fatalf("KeptResults: %v, %v", kept, err)
	}
	if age, _ := kept[0].Answers.Int("age"); age != 34 {
		t.Errorf("age %d, want 34", age)
	}
	if others, _ := f.svc.KeptResults(ctx, f.cpam.UserID); len(others) != 0 {
		t.Errorf("another person sees %d results", len(others))
	}
	if err := f.svc.ForgetResult(ctx, f.cpam.UserID, id); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person deletes: %v, want errs.NotFound", err)
	}
	if err := f.svc.ForgetResult(ctx, f.caf.UserID, id); err != nil {
		t.Fatal(err)
	}
	if kept, _ := f.svc.KeptResults(ctx, f.caf.UserID); len(kept) != 0 {
		t.Errorf("%d results left after ForgetResult", len(kept))
	}
}
