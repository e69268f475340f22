package observatory

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"guichet/internal/backoffice"
	"guichet/internal/database/dbtest"
	"guichet/internal/listening"
	"guichet/internal/testkit"
)

// benchWorld is 250 procedures with perProc answers each, the j-th
// answered at answeredAt(j), refreshed once.
func benchWorld(b *testing.B, perProc int, answeredAt func(j int) time.Time) (*Service, *testkit.Clock) {
	db := dbtest.Open(b)
	clock := testkit.NewClock(time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC))
	lis := listening.New(db, listening.Options{Now: clock.Now})
	var procs []Procedure
	for i := range 250 {
		procs = append(procs, Procedure{Slug: fmt.Sprintf("demarche-%03d", i), Title: fmt.Sprintf("Démarche %d", i),
			Administration: "Administration", AdministrationSlug: fmt.Sprintf("admin-%d", i%20), OnGuichet: i%2 == 0, Volume: int64(1000 + i)})
	}
	var items []listening.BatchItem
	for i, p := range procs {
		for j := range perProc {
			items = append(items, listening.BatchItem{Index: len(items), Answer: listening.Answer{Procedure: p.Slug,
				Overall: listening.Overalls()[(i+j)%3], Clarity: 1 + (i*j)%5, Channel: listening.ChannelPaper,
				AnsweredAt: answeredAt(j),
				Helps:      []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: ptr(j%4 != 0), Quality: 1 + j%5}}}})
		}
	}
	for len(items) > 0 {
		n := min(len(items), 5000)
		if _, rejected, err := lis.EnterBatch(context.Background(), items[:n], listening.Entry{}); err != nil || len(rejected) > 0 {
			b.Fatal(rejected, err)
		}
		items = items[n:]
	}
	svc := New(db, Options{Now: clock.Now, Listening: lis, Figures: backoffice.New(db, backoffice.Options{Now: clock.Now}),
		Procedures: func(context.Context) ([]Procedure, error) { return procs, nil }})
	if err := svc.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	return svc, clock
}

// inQuarter spreads the answers over the current quarter up to the benchmarks' today.
func inQuarter(j int) time.Time { return time.Date(2026, 10, 1+j%58, 9, 0, 0, 0, time.UTC) }

// BenchmarkBoard is a page view of the observatory: reading an edition of
// 250 procedures from the stored values, never recomputing.
func BenchmarkBoard(b *testing.B) {
	svc, _ := benchWorld(b, 40, inQuarter)
	ctx := context.Background()
	ed := svc.Current()
	b.ResetTimer()
	for range b.N {
		bd, err := svc.Board(ctx, ed)
		if err != nil || len(bd.Rows) != 250 {
			b.Fatal(len(bd.Rows), err)
		}
	}
}

// BenchmarkRefresh is the minute's refresh of the current edition over
// 250 procedures and their answers.
func BenchmarkRefresh(b *testing.B) {
	svc, _ := benchWorld(b, 40, inQuarter)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		if err := svc.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefreshNational is the minute's refresh at national scale:
// GUICHET_BENCH_FEEDBACK answers (100,000 by default, as
// BenchmarkVolumePages in internal/web) over 250 procedures, spread over
// the 400 days before today, so that every window the refresh reads (the
// quarter, the twelve months, the last weeks, the silent days) has some.
func BenchmarkRefreshNational(b *testing.B) {
	total := 100_000
	if n, err := strconv.Atoi(os.Getenv("GUICHET_BENCH_FEEDBACK")); err == nil && n > 0 {
		total = n
	}
	today := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	svc, _ := benchWorld(b, max(1, total/250), func(j int) time.Time {
		return today.Add(-time.Duration(j%400)*24*time.Hour - time.Duration(j%24)*time.Hour)
	})
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		if err := svc.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
