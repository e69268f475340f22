package observatory

import (
	"context"
	"testing"
	"time"

	"guichet/internal/listening"
)

// TestNewAnswerShowsWithinAMinute: page views read the stored edition and
// never recompute it, so a new answer does not show on the next view; the
// refresh that internal/app runs every minute brings it in, and views
// after it read the new values (the node's cache follows the refresh,
// also when another node ran it).
func TestNewAnswerShowsWithinAMinute(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.enter(t, knownMix())
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	answers := func(s *Service) int {
		t.Helper()
		b, err := s.Board(ctx, s.Current())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rows {
			if r.Slug == "carte-grise" {
				return r.Values[Satisfaction].Answers
			}
		}
		t.Fatal("carte-grise is not on the board")
		return 0
	}
	other := New(w.svc.db, w.svc.opts) // a second node, which only reads
	if n, m := answers(w.svc), answers(other); n != 120 || m != 120 {
		t.Fatalf("%d and %d answers before; want 120 on both nodes", n, m)
	}
	w.clock.Set(w.clock.Now().Add(10 * time.Second))
	w.enter(t, []listening.BatchItem{{Answer: listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood,
		Clarity: 5, AnsweredAt: w.clock.Now()}}})
	if n := answers(other); n != 120 {
		t.Fatalf("a page view recomputed the edition: %d answers", n)
	}
	// The minute's refresh, on the first node.
	w.clock.Set(w.clock.Now().Add(50 * time.Second))
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if n, m := answers(w.svc), answers(other); n != 121 || m != 121 {
		t.Errorf("%d and %d answers a minute later; want 121 on both nodes", n, m)
	}
}
