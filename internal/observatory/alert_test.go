package observatory

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/listening"
)

// TestSuddenDropRaisesOneAlert: satisfaction falls from 10 to 0 between
// two whole weeks of 30 answers each; the refresh raises one alert with
// one e-mail per recipient, a second refresh none more, and the alert is
// cleared once those weeks are past.
func TestSuddenDropRaisesOneAlert(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.svc.opts.Recipients = func(context.Context, int64) ([]string, error) {
		return []string{"proprietaire@ants.example", "observatoire@guichet.example"}, nil
	}
	var items []listening.BatchItem
	for i := range 60 {
		a := listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood, Clarity: 5,
			AnsweredAt: time.Date(2026, 11, 10, 9, i, 0, 0, time.UTC)}
		if i >= 30 {
			a.Overall, a.AnsweredAt = listening.OverallBad, time.Date(2026, 11, 17, 9, i, 0, 0, time.UTC)
		}
		items = append(items, listening.BatchItem{Answer: a})
	}
	w.enter(t, items)
	mails := func() int {
		var n int
		if err := w.svc.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range 2 {
		if err := w.svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		alerts, err := w.svc.Alerts(ctx, time.Time{})
		if err != nil || len(alerts) != 1 || alerts[0].Cause != "variation:satisfaction" || alerts[0].ClearedAt != nil ||
			!strings.Contains(alerts[0].Detail, "de 10.0 à 0.0") {
			t.Fatalf("alerts = %+v, %v; want one open on satisfaction", alerts, err)
		}
		if n := mails(); n != 2 {
			t.Fatalf("%d e-mails; want one to the owner and one to the observatory", n)
		}
	}
	w.clock.Set(time.Date(2026, 12, 13, 10, 0, 0, 0, time.UTC))
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	alerts, err := w.svc.Alerts(ctx, time.Time{})
	if err != nil || len(alerts) != 1 || alerts[0].ClearedAt == nil {
		t.Fatalf("alerts = %+v, %v; want the one cleared", alerts, err)
	}
}

// TestRedAndSilenceAlerts: aide joignable under 70 % is red and low; a
// procedure silent for 30 days after answers raises silence.
func TestRedAndSilenceAlerts(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var items []listening.BatchItem
	for i := range 10 {
		items = append(items, listening.BatchItem{Answer: listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood, Clarity: 5,
			AnsweredAt: time.Date(2026, 11, 20, 9, i, 0, 0, time.UTC),
			Helps:      []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: ptr(i < 5)}}}})
	}
	items = append(items, listening.BatchItem{Answer: listening.Answer{Procedure: "peu", Overall: listening.OverallGood, Clarity: 5,
		AnsweredAt: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)}})
	w.enter(t, items)
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	alerts, err := w.svc.Alerts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range alerts {
		got[a.Procedure+" "+a.Cause] = true
	}
	for _, want := range []string{"carte-grise rouge:aide_joignable", "carte-grise aide_joignable_basse", "peu silence"} {
		if !got[want] {
			t.Errorf("no alert %q in %v", want, got)
		}
	}
	if len(got) != 3 {
		t.Errorf("alerts %v; want the three", got)
	}
}
