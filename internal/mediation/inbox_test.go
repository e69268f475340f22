package mediation

import (
	"context"
	"strings"
	"testing"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

func TestADomiciledPersonsMessagesReachTheStructuresInbox(t *testing.T) {
	f := newFixture(t)
	f.withRecords()
	ctx := context.Background()
	m := f.documentMandate(31, "argent")
	if err := f.svc.Domicile(ctx, orgA, mediator, m.ID, address); err != nil {
		t.Fatal(err)
	}
	m, _ = f.svc.OfStructure(ctx, orgA, m.ID)
	// The notifier behind is the real one: the inbox keeps the message as
	// its templates word it.
	words := notify.New(f.db, notify.Options{Now: f.clock.Now})
	next := &wordingNotifier{Service: words, sent: f.sent}
	ev := notify.Event{Kind: notify.DossierReceived, OrgID: 0, Recipient: notify.Recipient{UserID: m.PersonUserID},
		Data: map[string]string{"reference": "DS-2026-000042", "procedure": "Déclaration de ressources",
			"link": "http://guichet.test/dossiers/42", "feedback_link": "http://guichet.test/avis"},
		IdempotencyKey: "dossier/42/received"}
	for range 2 {
		if err := f.svc.Redirect(next).Notify(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	if len(f.sent.events) != 2 || f.sent.events[0].Recipient.HelpOrgID != orgA || f.sent.events[0].Recipient.ForPerson != "Awa Diallo" {
		t.Fatalf("sent = %+v, want the structure for Awa Diallo", f.sent.events)
	}
	msgs, err := f.svc.InboxOf(ctx, orgA, m.PersonUserID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0].Subject+msgs[0].Body, "DS-2026-000042") || msgs[0].PersonName != "Awa Diallo" ||
		msgs[0].KindLabel() != "Dossier reçu" {
		t.Fatalf("inbox = %+v, want the receipt once, worded", msgs)
	}
	people, err := f.svc.InboxPeople(ctx, orgA)
	if err != nil || len(people) != 1 || people[0].Messages != 1 || !people[0].Domiciled {
		t.Errorf("people = %+v, %v", people, err)
	}
	// Another structure reads nothing of her.
	if other, err := f.svc.InboxOf(ctx, orgB, m.PersonUserID, 10); err != nil || len(other) != 0 {
		t.Errorf("another structure's inbox = %+v, %v", other, err)
	}
	if _, err := f.svc.InboxPersonOf(ctx, orgB, m.PersonUserID); !errs.Is(err, errs.NotFound) {
		t.Errorf("another structure finds her: %v", err)
	}
	// Someone not domiciled is told directly, and the inbox keeps nothing.
	ev.Recipient, ev.IdempotencyKey = notify.Recipient{UserID: person}, "dossier/43/received"
	if err := f.svc.Redirect(next).Notify(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if last := f.sent.events[2]; last.Recipient.UserID != person {
		t.Errorf("a person not domiciled was redirected: %+v", last.Recipient)
	}
	if p, err := f.svc.InboxPeople(ctx, orgA); err != nil || len(p) != 1 {
		t.Errorf("people after a direct message = %+v, %v", p, err)
	}
}

// wordingNotifier words messages with notify's templates and keeps the
// events instead of sending them.
type wordingNotifier struct {
	*notify.Service
	sent *fakeNotifier
}

func (w *wordingNotifier) Notify(ctx context.Context, e notify.Event) error {
	return w.sent.Notify(ctx, e)
}
