package dossiers

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/notify"
)

// TestEventsNotifyThePerson follows a dossier from its sending to its
// decision: each step the person must hear of stores one message for them,
// worded with the dossier's reference, and nothing else does.
func TestEventsNotifyThePerson(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	ref := d.ShownReference()
	if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	if b := f.body(t, notify.StateChanged); !strings.Contains(b, ref) || !strings.Contains(b, ": en cours de traitement") {
		t.Errorf("state message = %s", b)
	}
	if err := f.svc.RequestCorrection(ctx, d.ID, f.mairie, Incomplete, []string{"nom"}, "Il manque votre second prénom."); err != nil {
		t.Fatal(err)
	}
	if b := f.body(t, notify.CorrectionRequested); !strings.Contains(b, ref) || !strings.Contains(b, "second prénom") ||
		!strings.Contains(b, "avant le ") {
		t.Errorf("correction message = %s", b)
	}
	if _, err := f.svc.PostMessage(ctx, f.marie.ID, d.ID, "Voici mon second prénom : Anne.", nil); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM notify_messages WHERE event = $1`, string(notify.MessageReceived)); n != 0 {
		t.Errorf("the person's own message notified them %d times", n)
	}
	if _, err := f.svc.PostStaffMessage(ctx, f.mairie, d.ID, "Merci, nous reprenons votre dossier.", nil); err != nil {
		t.Fatal(err)
	}
	if b := f.body(t, notify.MessageReceived); !strings.Contains(b, ref) || !strings.HasPrefix(b, f.marie.Email) {
		t.Errorf("message notice = %s", b)
	}
	if err := f.svc.SendCorrection(ctx, f.marie.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Move(ctx, d.ID, f.mairie, Accepted, ""); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM notify_messages WHERE event = $1 AND body LIKE '%accepté%'`, string(notify.StateChanged)); n != 1 {
		t.Errorf("%d messages of the decision, want 1", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM notify_messages WHERE user_id = $1`, f.marie.ID); n != 6 {
		t.Errorf("%d messages in all, want 6 (receipt, 3 states, correction, message)", n)
	}
	// A move refused stores nothing.
	f.failNotify = true
	if err := f.svc.Move(ctx, d.ID, f.mairie, Closed, "Doublon"); err == nil {
		t.Fatal("move with a failing notification succeeded")
	}
	if got, _ := f.svc.Get(ctx, f.marie.ID, d.ID); got.State != Accepted {
		t.Errorf("state after a failed move = %s", got.State)
	}
}
