package dossiers

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"guichet/internal/errs"
)

// TestAMediatorsWorkIsAttributedAndJournaledOrNotDoneAtAll acts as a
// mediator through WithHelper: the timeline and audit name the mediator
// and the structure, the dossier counts as helped, each action reaches the
// journal in its transaction, and a refusal of the journal undoes it.
func TestAMediatorsWorkIsAttributedAndJournaledOrNotDoneAtAll(t *testing.T) {
	f := newFixture(t)
	var journal []Assist
	refuse := false
	f.svc.opts.Assisted = func(ctx context.Context, tx *sql.Tx, a Assist) error {
		if refuse {
			return errs.E(errs.Forbidden, "Ce mandat a été arrêté.")
		}
		journal = append(journal, a)
		return nil
	}
	const org, mandate = 77, 5
	helper := f.citizen(t, context.Background(), "mediatrice@example.fr", "Léa Petit")
	ctx := WithHelper(context.Background(), Helper{MediatorID: helper.ID, OrgID: org, MandateID: mandate})
	d, _, err := f.svc.StartDraft(ctx, Start{UserID: f.marie.ID, Procedure: "acte-naissance", OrgID: f.mairie.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("Dupont")}, Next: 1}); err != nil {
		t.Fatal(err)
	}
	if d, err = f.svc.Submit(ctx, Submitter{UserID: f.marie.ID}, d.ID, Receipt{}); err != nil {
		t.Fatal(err)
	}
	if d.UserID != f.marie.ID || d.HelpedByOrgID != org {
		t.Errorf("dossier = user %d, helped by %d", d.UserID, d.HelpedByOrgID)
	}
	events, _ := f.svc.Timeline(context.Background(), d)
	for _, e := range events {
		if e.ActorID != helper.ID || e.ViaOrgID != org {
			t.Errorf("%s by %d via %d", e.Text(), e.ActorID, e.ViaOrgID)
		}
	}
	if len(journal) != 3 || journal[0].Event != "dossier.started" || journal[2].Event != "dossier.sent" ||
		journal[2].MandateID != mandate || journal[2].Procedure != "acte-naissance" {
		t.Errorf("journal = %+v", journal)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE event = 'dossier_mediated' AND user_id = $1 AND actor_id = $2`,
		f.marie.ID, helper.ID); n != 3 {
		t.Errorf("%d audit entries", n)
	}
	sent, helped, err := f.svc.HelpedCount(context.Background(), testStart(), f.clock.Now().Add(time.Hour))
	if err != nil || sent != 1 || helped != 1 {
		t.Errorf("helped count = %d of %d, %v", helped, sent, err)
	}
	byProc, err := f.svc.HelpedByProcedure(context.Background(), testStart(), f.clock.Now().Add(time.Hour))
	if err != nil || len(byProc) != 1 || byProc["acte-naissance"] != [2]int{1, 1} {
		t.Errorf("helped by procedure = %v, %v", byProc, err)
	}
	// Refused by the mandate: the message is not written.
	refuse = true
	if _, err := f.svc.PostMessage(ctx, f.marie.ID, d.ID, "Bonjour", nil); !errs.Is(err, errs.Forbidden) {
		t.Errorf("message under a refused mandate: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM dossier_messages WHERE dossier_id = $1`, d.ID); n != 0 {
		t.Errorf("%d messages written under a refused mandate", n)
	}
}

func testStart() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) }
