package demo

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"guichet/internal/database/dbtest"
	"guichet/internal/identity"
	"guichet/internal/jobs"
	"guichet/internal/mail"
	"guichet/internal/notify"
	"guichet/internal/sms"
	"guichet/internal/testkit"
)

// TestDemoNotifications loads the demo notifications twice: the second time
// adds nothing. The citizen has three messages, which the queue delivers;
// the CAF has its own wording and a collective send whose good lines are
// messages and whose two bad lines are listed.
func TestDemoNotifications(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	// A weekday at 11:00 in Paris: no SMS held back for the night.
	now := func() time.Time { return time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC) }
	ids := identity.NewService(db, testkit.Box(t), identity.Config{BaseURL: "http://guichet.test", Issuer: "Guichet"}, now)
	if err := LoadAccounts(ctx, ids); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	queue := jobs.New(db, jobs.Options{Now: now, Logger: slog.New(slog.DiscardHandler)})
	ns := notify.New(db, notify.Options{Now: now, Jobs: queue, Mail: mail.NewOutbox(filepath.Join(data, "outbox")),
		SMS: sms.NewOutbox(filepath.Join(data, "outbox", "sms"), now), Box: testkit.Box(t), Logger: slog.New(slog.DiscardHandler)})
	for range 2 {
		if err := LoadNotifications(ctx, ns, ids); err != nil {
			t.Fatal(err)
		}
	}
	for {
		ran, err := queue.Work(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			break
		}
	}
	citizen, _ := ids.UserByEmail(ctx, "usager@demo.guichet.test")
	sent, err := ns.SentTo(ctx, citizen.ID, 10)
	if err != nil || len(sent) != 3 {
		t.Fatalf("the citizen got %d messages, %v; want 3", len(sent), err)
	}
	for _, m := range sent {
		if m.Status != notify.StatusDelivered {
			t.Errorf("%s: %s (%s)", m.Key, m.Status, m.Error)
		}
	}
	caf, _ := ids.OrganisationBySlug(ctx, notifyOrg)
	if tpl, _ := ns.Template(ctx, caf.ID, notify.StateChanged, notify.SMS); tpl.Version != 1 {
		t.Errorf("the CAF's state-changed SMS is at version %d, want 1", tpl.Version)
	}
	c, err := ns.Collective(ctx, caf.ID, 1)
	if err != nil || c.Status != "sent" || c.Recipients != 8 || len(c.Problems) != 2 || c.Sent != 8 {
		t.Fatalf("collective: %+v, %v", c, err)
	}
	if n, _ := ns.RateLimit(ctx, caf.ID); n != 1200 {
		t.Errorf("the CAF's pace is %d a minute", n)
	}
}
