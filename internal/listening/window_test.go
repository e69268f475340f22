package listening

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/database/dbtest"
)

// TestSummariesByWindowsAreSummaries reads, in one pass, the windows the
// observatory's refresh reads, and finds for each what Summaries finds for
// it alone, with answers one microsecond before, on and after every edge:
// a window takes its from and leaves its to. Everything is equal to the
// last bit but the help quality, whose inexact means (10/3…) are added in
// another grouping.
func TestSummariesByWindowsAreSummaries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 29, 10, 0, 0, 123456000, time.UTC)
	s := New(dbtest.Open(t), Options{Now: func() time.Time { return now }})
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	cut := now.AddDate(0, 0, -30)
	windows := []Window{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), now}, // the quarter
		{now.AddDate(-1, 0, 0), now},                        // the twelve months
		{monday.AddDate(0, 0, -14), monday.AddDate(0, 0, -7)},
		{monday.AddDate(0, 0, -7), monday},
		{now.AddDate(-1, 0, 0), cut},
		{cut, now.Add(time.Minute)},
		{now, now}, // empty
		{time.Date(2026, 11, 1, 0, 0, 0, 0, paris), time.Date(2026, 11, 2, 0, 0, 0, 0, paris)},
	}
	var items []BatchItem
	var answers []Answer
	for _, w := range windows {
		for _, edge := range []time.Time{w.From, w.To} {
			for _, at := range []time.Time{edge.Add(-time.Microsecond), edge, edge.Add(time.Microsecond)} {
				if at.After(now) {
					continue // the future is refused
				}
				for p := range 3 {
					i := len(items)
					a := Answer{Procedure: fmt.Sprintf("demarche-%d", p), Overall: Overalls()[i%3], Clarity: 1 + i%5,
						Channel: EnteredChannels()[i%3], AnsweredAt: at}
					// Means of two or three qualities, such as 10/3, are
					// not exact in binary: their sums show the order.
					switch i % 4 {
					case 0:
						a.Helps = []HelpAnswer{{Help: HelpNone}}
					case 1:
						a.Helps = []HelpAnswer{{Help: HelpPhone, Reached: ptr(i%3 == 0), Quality: 1 + i%5}}
					case 2:
						a.Helps = []HelpAnswer{{Help: HelpPhone, Reached: ptr(false), Quality: 1 + i%5},
							{Help: HelpEmail, Reached: ptr(true), Quality: 1 + i%3}, {Help: HelpChat, Quality: 2 + i%4}}
					case 3:
						a.Helps = []HelpAnswer{{Help: HelpCounter}, {Help: HelpOther, Quality: 1 + i%2}}
					}
					items = append(items, BatchItem{Index: i, Answer: a})
					answers = append(answers, a)
				}
			}
		}
	}
	if kept, rejected, err := s.EnterBatch(ctx, items, Entry{}); err != nil || len(rejected) > 0 {
		t.Fatalf("EnterBatch = %d, %+v, %v", kept, rejected, err)
	}

	sameQuality := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".HelpQuality" },
		cmpopts.EquateApprox(1e-12, 0))
	got, err := s.SummariesByWindows(ctx, windows)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(windows) {
		t.Fatalf("%d windows summed up, want %d", len(got), len(windows))
	}
	for i, w := range windows {
		t.Run(fmt.Sprintf("%s-%s", w.From.UTC().Format(time.RFC3339Nano), w.To.UTC().Format(time.RFC3339Nano)), func(t *testing.T) {
			want, err := s.Summaries(ctx, w.From, w.To)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got[i], sameQuality); diff != "" {
				t.Errorf("SummariesByWindows differs from Summaries (-want +got):\n%s", diff)
			}
			counts := map[string]int{}
			for _, a := range answers {
				if !a.AnsweredAt.Before(w.From) && a.AnsweredAt.Before(w.To) {
					counts[a.Procedure]++
				}
			}
			for slug, n := range counts {
				if got[i][slug].Answers != n {
					t.Errorf("%s: %d answers, want %d (from included, to excluded)", slug, got[i][slug].Answers, n)
				}
			}
			if len(got[i]) != len(counts) {
				t.Errorf("%d procedures, want %d", len(got[i]), len(counts))
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
