package listening

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
)

// BenchmarkRefreshWindows reads the six windows of the observatory's
// refresh over GUICHET_BENCH_FEEDBACK answers (100,000 by default) of 250
// procedures spread over 400 days: window by window with Summaries, as the
// refresh did, and in one pass with SummariesByWindows.
func BenchmarkRefreshWindows(b *testing.B) {
	ctx := context.Background()
	total := 100_000
	if n, err := strconv.Atoi(os.Getenv("GUICHET_BENCH_FEEDBACK")); err == nil && n > 0 {
		total = n
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	s := New(dbtest.Open(b), Options{Now: func() time.Time { return now }})
	var items []BatchItem
	for i := range total {
		p, j := i%250, i/250
		items = append(items, BatchItem{Index: len(items), Answer: Answer{Procedure: fmt.Sprintf("demarche-%03d", p),
			Overall: Overalls()[(p+j)%3], Clarity: 1 + (p*j)%5, Channel: ChannelPaper,
			AnsweredAt: now.Add(-time.Duration(j%400)*24*time.Hour - time.Duration(j%24)*time.Hour),
			Helps:      []HelpAnswer{{Help: HelpPhone, Reached: ptr(j%4 != 0), Quality: 1 + j%5}}}})
		if len(items) == 5000 || i == total-1 {
			if _, rejected, err := s.EnterBatch(ctx, items, Entry{}); err != nil || len(rejected) > 0 {
				b.Fatal(rejected, err)
			}
			items = items[:0]
		}
	}
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	cut := now.AddDate(0, 0, -30)
	windows := []Window{{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), now}, {now.AddDate(-1, 0, 0), now},
		{monday.AddDate(0, 0, -14), monday.AddDate(0, 0, -7)}, {monday.AddDate(0, 0, -7), monday},
		{now.AddDate(-1, 0, 0), cut}, {cut, now.Add(time.Minute)}}
	b.Run("Summaries", func(b *testing.B) {
		for range b.N {
			for _, w := range windows {
				if _, err := s.Summaries(ctx, w.From, w.To); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("SummariesByWindows", func(b *testing.B) {
		for range b.N {
			if _, err := s.SummariesByWindows(ctx, windows); err != nil {
				b.Fatal(err)
			}
		}
	})
}
