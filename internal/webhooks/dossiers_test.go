package webhooks_test

import (
	"context"
	"testing"

	"guichet/internal/dossiers"
	"guichet/internal/identity"
	"guichet/internal/webhooks"
)

// TestDossierEventsReachTheReceiver walks a dossier from its sending to a
// decision through the dossiers service, as the pages and the back office
// do, and checks that a loopback receiver gets each event, signed.
func TestDossierEventsReachTheReceiver(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	ctx := context.Background()
	rcv := newReceiver(t)
	_, secret := f.create(t, rcv.URL, webhooks.DossierSubmitted, webhooks.DossierStateChanged,
		webhooks.DossierMessage, webhooks.DossierCorrected)
	ds := dossiers.New(f.db, dossiers.Options{Now: f.clock.Now, FilesDir: t.TempDir(), Webhooks: f.svc})
	person, err := f.ids.CreateUser(ctx, identity.NewUser{Email: "marie@example.fr", Name: "Marie Dupont",
		Password: "un-mot-de-passe-de-test-2026"})
	if err != nil {
		t.Fatal(err)
	}
	staff, err := f.ids.CreateUser(ctx, identity.NewUser{Email: "agent@example.fr", Name: "Luc Moreau",
		Password: "un-mot-de-passe-de-test-2026", Role: identity.RoleAgent, OrgSlug: "caf"})
	if err != nil {
		t.Fatal(err)
	}
	agent := dossiers.Agent{UserID: staff.ID, OrgID: f.org.ID}
	d, _, err := ds.StartDraft(ctx, dossiers.Start{UserID: person.ID, Procedure: "prime-naissance", OrgID: f.org.ID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		f.clock.Advance(1)
	}
	_, err = ds.Submit(ctx, dossiers.Submitter{UserID: person.ID}, d.ID, dossiers.Receipt{})
	step("submit", err)
	step("take", ds.Move(ctx, d.ID, agent, dossiers.InInstruction, ""))
	step("ask a correction", ds.RequestCorrection(ctx, d.ID, agent, dossiers.Incomplete, []string{"nom"}, "Il manque le nom."))
	step("correct", ds.SendCorrection(ctx, person.ID, d.ID))
	_, err = ds.PostMessage(ctx, person.ID, d.ID, "Voilà.", nil)
	step("message", err)
	step("decide", ds.Move(ctx, d.ID, agent, dossiers.Accepted, ""))
	f.drain(t)

	want := []struct{ typ, detail string }{
		{webhooks.DossierSubmitted, "en_construction"},
		{webhooks.DossierStateChanged, "en_instruction"},
		{webhooks.DossierStateChanged, "en_construction"},
		{webhooks.DossierCorrected, ""},
		{webhooks.DossierMessage, "person"},
		{webhooks.DossierStateChanged, "accepte"},
	}
	got := rcv.received()
	if len(got) != len(want) {
		t.Fatalf("receiver got %d events, want %d", len(got), len(want))
	}
	for i, w := range want {
		ev, err := verify(webhooks.FormatSecret(secret), got[i].Header, got[i].Body, f.clock.Now())
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		data, _ := ev["data"].(map[string]any)
		if ev["type"] != w.typ || data["reference"] != d.ShownReference() || data["procedure"] != "prime-naissance" {
			t.Errorf("event %d: %s, want %s of %s", i, got[i].Body, w.typ, d.ShownReference())
		}
		switch w.typ {
		case webhooks.DossierSubmitted:
			if data["state"] != w.detail {
				t.Errorf("event %d: state %v, want %s", i, data["state"], w.detail)
			}
		case webhooks.DossierStateChanged:
			if data["to"] != w.detail {
				t.Errorf("event %d: to %v, want %s", i, data["to"], w.detail)
			}
		case webhooks.DossierMessage:
			if data["from"] != w.detail {
				t.Errorf("event %d: from %v, want %s", i, data["from"], w.detail)
			}
		}
	}
	if data := decode(t, got[2].Body); data["motive"] == nil {
		t.Errorf("the send-back for a correction carries no motive: %v", data)
	}
}

func decode(t *testing.T, body []byte) map[string]any {
	t.Helper()
	ev, err := verifyShape(body)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := ev["data"].(map[string]any)
	return data
}
