package observatory

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/listening"
)

// TestFeedbackInOnePassGivesTheSameIndicatorsAndAlerts reads the feedback
// of a refresh in one pass and, as the refresh did before, window by
// window with Summaries, over answers one microsecond before, on and after
// each window's edges, and finds the same sums, the same indicators and
// the same alerts.
func TestFeedbackInOnePassGivesTheSameIndicatorsAndAlerts(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	now := w.svc.now()
	ed := EditionOf(now)
	monday := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) // now is Sunday 29 November
	cut := now.AddDate(0, 0, -SilentDays)
	var items []listening.BatchItem
	add := func(slug string, at time.Time, overall listening.Overall, helps ...listening.HelpAnswer) {
		items = append(items, listening.BatchItem{Answer: listening.Answer{Procedure: slug, Overall: overall,
			Clarity: 1 + len(items)%5, AnsweredAt: at, Helps: helps}})
	}
	for _, edge := range []time.Time{ed.Start(), now.AddDate(-1, 0, 0), monday.AddDate(0, 0, -14),
		monday.AddDate(0, 0, -7), monday, cut, now} {
		for _, at := range []time.Time{edge.Add(-time.Microsecond), edge, edge.Add(time.Microsecond)} {
			if at.After(now) {
				continue
			}
			// Three helps rated 1, 2 and 4 make a mean of 10/3, which is
			// not exact in binary.
			add("carte-grise", at, listening.OverallGood, listening.HelpAnswer{Help: listening.HelpPhone, Reached: no(), Quality: 1},
				listening.HelpAnswer{Help: listening.HelpEmail, Reached: yes(), Quality: 2},
				listening.HelpAnswer{Help: listening.HelpChat, Quality: 4})
			add("peu", at, listening.OverallMedium, listening.HelpAnswer{Help: listening.HelpNone})
		}
	}
	// Satisfaction falls from good to bad between the last two weeks on
	// carte-grise; papier had answers, none for SilentDays days.
	for i := range SuddenAnswers {
		add("carte-grise", monday.AddDate(0, 0, -10).Add(time.Duration(i)*time.Hour), listening.OverallGood)
		add("carte-grise", monday.AddDate(0, 0, -3).Add(time.Duration(i)*time.Hour), listening.OverallBad,
			listening.HelpAnswer{Help: listening.HelpPhone, Reached: no(), Quality: 1})
	}
	add("papier", cut.Add(-time.Microsecond), listening.OverallGood)
	w.enter(t, items)

	once, err := w.svc.readFeedback(ctx, ed, now, true)
	if err != nil {
		t.Fatal(err)
	}
	var each feedback
	for _, r := range []struct {
		into     *map[string]listening.Summary
		from, to time.Time
	}{
		{&each.quarter, ed.Start(), now},
		{&each.year, now.AddDate(-1, 0, 0), now},
		{&each.weekBefore, monday.AddDate(0, 0, -14), monday.AddDate(0, 0, -7)},
		{&each.lastWeek, monday.AddDate(0, 0, -7), monday},
		{&each.had, now.AddDate(-1, 0, 0), cut},
		{&each.recent, cut, now.Add(time.Minute)},
	} {
		if *r.into, err = w.lis.Summaries(ctx, r.from, r.to); err != nil {
			t.Fatal(err)
		}
	}
	// The help quality's inexact means are added in another grouping: the
	// same to the last binary digits (listening.Service.SummariesByWindows).
	sameQuality := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".HelpQuality" },
		cmpopts.EquateApprox(1e-12, 0))
	if diff := cmp.Diff(each, once, cmp.AllowUnexported(feedback{}), sameQuality); diff != "" {
		t.Errorf("feedback differs (-window by window +one pass):\n%s", diff)
	}
	want, err := w.svc.compute(ctx, ed, now, each)
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.svc.compute(ctx, ed, now, once)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("indicators differ (-window by window +one pass):\n%s", diff)
	}
	wantCauses, gotCauses := causes(want, each), causes(got, once)
	if diff := cmp.Diff(wantCauses, gotCauses, cmp.AllowUnexported(cause{})); diff != "" {
		t.Errorf("alerts differ (-window by window +one pass):\n%s", diff)
	}
	for slug, key := range map[string]string{"carte-grise": "variation:" + string(Satisfaction), "papier": "silence"} {
		found := false
		for _, c := range gotCauses[slug] {
			found = found || c.key == key
		}
		if !found {
			t.Errorf("%s: no %s alert in %v", slug, key, gotCauses[slug])
		}
	}
	if q := got["carte-grise"]; len(q) == 0 {
		t.Error("no indicator for carte-grise")
	}
}
