package demo

import (
	"context"
	"testing"

	"guichet/internal/listening"
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
