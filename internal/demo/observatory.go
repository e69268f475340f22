package demo

import (
	"context"
	"fmt"
	"time"

	"guichet/internal/catalogue"
	"guichet/internal/listening"
	"guichet/internal/observatory"
)

// observatoryProfile is how a demo procedure fares in the observatory:
// answers per quarter, and per ten answers how many are good and medium
// (the rest bad), the clarity given (1 to 5) and how many of ten helps
// tried were reached.
type observatoryProfile struct {
	slug                   string
	answers, good, medium  int
	clarity, reachedPerTen int
	// better raises the good answers by one in ten each quarter: a
	// procedure that improves.
	better bool
}

var observatoryProfiles = []observatoryProfile{
	{slug: "carte-vitale", answers: 140, good: 9, medium: 1, clarity: 5, reachedPerTen: 9},          // green
	{slug: "prime-activite", answers: 130, good: 5, medium: 3, clarity: 4, reachedPerTen: 8},        // yellow
	{slug: "carte-grise", answers: 120, good: 1, medium: 3, clarity: 2, reachedPerTen: 5},           // red
	{slug: "allocations-familiales", answers: 40, good: 7, medium: 2, clarity: 4, reachedPerTen: 9}, // grey
	{slug: "aah", answers: 110, good: 4, medium: 3, clarity: 3, reachedPerTen: 7, better: true},     // improves
}

// LoadObservatory makes a living observatory: four quarters of paper
// answers for the procedures of observatoryProfiles (greens, yellows, reds
// and greys), a drop of satisfaction on the prime d'activité between the
// last two whole weeks (one alert), the owners' declarations, the past
// editions frozen and the current one computed. It is idempotent: answers
// are added only when carte-vitale has none.
func LoadObservatory(ctx context.Context, obs *observatory.Service, ls *listening.Service, cat *catalogue.Service, now time.Time) error {
	sn, err := cat.Snapshot(ctx)
	if err != nil {
		return err
	}
	sum, err := ls.ProcedureSummary(ctx, "carte-vitale")
	if err != nil {
		return err
	}
	cur := observatory.EditionOf(now)
	eds := []observatory.Edition{cur.Prev().Prev().Prev(), cur.Prev().Prev(), cur.Prev(), cur}
	if sum.Answers == 0 {
		for _, prof := range observatoryProfiles {
			p, ok := sn.Procedure(prof.slug)
			if !ok {
				continue
			}
			var items []listening.BatchItem
			for q, ed := range eds {
				end := ed.End()
				if end.After(now) {
					end = now.Add(-time.Hour)
				}
				span := end.Sub(ed.Start())
				for i := range prof.answers {
					at := ed.Start().Add(span * time.Duration(i) / time.Duration(prof.answers))
					items = append(items, listening.BatchItem{Index: len(items), OrgID: p.Org.ID, Answer: profileAnswer(prof, q, i, at)})
				}
			}
			items = append(items, suddenDrop(prof, p.Org.ID, now, len(items))...)
			if _, rejected, err := ls.EnterBatch(ctx, items, listening.Entry{}); err != nil || len(rejected) > 0 {
				return fmt.Errorf("demo observatory answers of %s: %v %v", prof.slug, err, rejected)
			}
		}
		rate := func(x float64) *float64 { return &x }
		count := func(n int) *int { return &n }
		for _, ed := range eds {
			for slug, d := range map[string]observatory.Declaration{
				"carte-vitale":   {RGAARate: rate(100), RGAAAuditedOn: "2026-01-20", OtherChannels: count(300)},
				"prime-activite": {RGAARate: rate(62), RGAAAuditedOn: "2025-11-04", OtherChannels: count(900)},
			} {
				if err := obs.Declare(ctx, 0, slug, ed, d); err != nil {
					return err
				}
			}
		}
		if err := demoMeasures(ctx, obs, sn, eds, now); err != nil {
			return err
		}
	}
	for _, ed := range eds[:3] {
		if err := obs.Freeze(ctx, ed); err != nil {
			return err
		}
	}
	return obs.Refresh(ctx)
}

// profileAnswer is the i-th answer of quarter q of a profile.
func profileAnswer(prof observatoryProfile, q, i int, at time.Time) listening.Answer {
	good := prof.good
	if prof.better {
		good = min(good+q, 9)
	}
	a := listening.Answer{Procedure: prof.slug, Overall: listening.OverallBad, Clarity: prof.clarity,
		Channel: listening.EnteredChannels()[i%3], AnsweredAt: at}
	switch k := i % 10; {
	case k < good:
		a.Overall = listening.OverallGood
	case k < good+prof.medium:
		a.Overall = listening.OverallMedium
	}
	if i%4 == 0 && a.Clarity < 5 {
		a.Clarity++
	}
	switch {
	case i%3 == 0:
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpNone}}
	default:
		reached := (i/3)%10 < prof.reachedPerTen
		quality := 2 + prof.good/3
		a.Helps = []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: &reached, Quality: quality}}
	}
	return a
}

// suddenDrop gives the prime d'activité 30 good answers two weeks ago and
// 30 bad ones last week: the observatory raises one alert.
func suddenDrop(prof observatoryProfile, orgID int64, now time.Time, from int) []listening.BatchItem {
	if prof.slug != "prime-activite" {
		return nil
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, time.UTC)
	monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	var out []listening.BatchItem
	for i := range 60 {
		a := listening.Answer{Procedure: prof.slug, Overall: listening.OverallGood, Clarity: 4, Channel: listening.ChannelPaper,
			AnsweredAt: monday.AddDate(0, 0, -14).Add(time.Duration(i) * time.Hour)}
		if i >= 30 {
			a.Overall, a.AnsweredAt = listening.OverallBad, monday.AddDate(0, 0, -7).Add(time.Duration(i)*time.Hour)
		}
		out = append(out, listening.BatchItem{Index: from + i, OrgID: orgID, Answer: a})
	}
	return out
}

// demoFailEvery is, per quarter of the demo (oldest first), one failed
// probe in how many: 100 %, 99,8 % (yellow), 99,95 % and 99,93 % (green).
var demoFailEvery = []int{0, 500, 2000, 1500}

// demoMeasures gives the demo a past of probes, one every half hour of the
// four quarters (disponibilité), and of response times of the procedures
// done on Guichet, one sum a day (temps de chargement): the running
// instance adds its own from then on.
func demoMeasures(ctx context.Context, obs *observatory.Service, sn *catalogue.Snapshot, eds []observatory.Edition, now time.Time) error {
	var probes []observatory.Probe
	var times []observatory.Timing
	for q, ed := range eds {
		n := 0
		for at := ed.Start(); at.Before(ed.End()) && at.Before(now.Add(-time.Hour)); at = at.Add(30 * time.Minute) {
			n++
			probes = append(probes, observatory.Probe{Minute: at, OK: demoFailEvery[q] == 0 || n%demoFailEvery[q] != 0,
				Detail: "", Duration: 40 * time.Millisecond})
		}
		for day := ed.Start(); day.Before(ed.End()) && day.Before(now); day = day.AddDate(0, 0, 1) {
			for i, p := range sn.Procedures() {
				for _, c := range p.Channels {
					if c.Kind == catalogue.ChannelOnline {
						// Between 120 and 480 ms a request: greens and a yellow.
						mean := time.Duration(120+(i*90+q*30)%360) * time.Millisecond
						times = append(times, observatory.Timing{Day: day.Format(time.DateOnly), Procedure: p.Slug,
							Requests: 40, Total: 40 * mean})
					}
				}
			}
		}
	}
	for i := range probes {
		if !probes[i].OK {
			probes[i].Detail = "/readyz : pas de réponse en 10 secondes"
		}
	}
	if err := obs.RecordProbes(ctx, probes); err != nil {
		return fmt.Errorf("demo probes: %w", err)
	}
	if err := obs.AddTimings(ctx, times); err != nil {
		return fmt.Errorf("demo response times: %w", err)
	}
	return nil
}
