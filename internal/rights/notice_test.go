package rights

import (
	"testing"
	"time"
)

// A suggestion made at night is told at 08:00 Paris time, once a year.
func TestNoticeWaitsForMorningOncePerYear(t *testing.T) {
	t.Parallel()
	night := paris(t, 2025, 12, 2, 23, 30)
	f := newFixture(t, night)
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	var runAt time.Time
	if err := f.db.QueryRowContext(f.ctx, `SELECT run_at FROM jobs WHERE kind = $1 ORDER BY id LIMIT 1`, NoticeJob).
		Scan(&runAt); err != nil {
		t.Fatal(err)
	}
	if want := paris(t, 2025, 12, 3, 8, 0); !runAt.Equal(want) {
		t.Errorf("notice runs at %v, want %v", runAt, want)
	}
	f.work()
	if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`); n != 0 {
		t.Fatalf("%d messages sent at night", n)
	}
	f.clock.Set(paris(t, 2025, 12, 3, 8, 1))
	f.work()
	sent := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`)
	if suggested := len(f.slugs()); sent != suggested || sent == 0 {
		t.Fatalf("%d messages for %d suggestions", sent, suggested)
	}
	// Withdrawn, given again the next month: the suggestions come back,
	// no message does.
	f.clock.Set(paris(t, 2026, 1, 3, 10, 0))
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	f.work()
	if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`); n != sent {
		t.Errorf("%d messages after a month, want still %d", n, sent)
	}
	// A year on, the same aid may be told again (before the parameters
	// to check by the end of 2026 are out of date).
	f.clock.Set(paris(t, 2026, 12, 4, 10, 0))
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	f.work()
	if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`); n <= sent {
		t.Errorf("%d messages after a year, want more than %d", n, sent)
	}
}

// A notice whose consent went before the morning sends nothing.
func TestNoticeStopsWithConsent(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 22, 0))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.WithdrawAll(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(paris(t, 2026, 6, 3, 9, 0))
	f.work()
	if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`); n != 0 {
		t.Errorf("%d messages after withdrawal", n)
	}
}

// A notice queued in the day but run late, at night (workers down, a
// retry), gives way to one in the morning.
func TestLateNoticeWaitsForMorning(t *testing.T) {
	t.Parallel()
	f := newFixture(t, paris(t, 2026, 6, 2, 19, 59))
	f.keep(map[string]string{"ressources_mensuelles": "400"})
	if err := f.svc.Allow(f.ctx, f.person); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(paris(t, 2026, 6, 2, 21, 0))
	f.work()
	if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`); n != 0 {
		t.Fatalf("%d messages at 21:00", n)
	}
	f.clock.Set(paris(t, 2026, 6, 3, 8, 0))
	f.work()
	if n, want := f.count(`SELECT COUNT(*) FROM notify_messages WHERE event = 'aid_suggested'`), len(f.slugs()); n != want || n == 0 {
		t.Errorf("%d messages in the morning, want %d", n, want)
	}
}
