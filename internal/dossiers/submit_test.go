package dossiers

import (
	"context"
	"slices"
	"sync"
	"testing"

	"guichet/internal/errs"
)

// TestSubmitAsReadSendsWhatWasChecked reads a draft as the review page
// does, then a page is saved in another tab before "Envoyer": the sending
// checks and sends the answers as they are now, never the ones read, and
// a check that fails on the new answers leaves the draft as it was.
func TestSubmitAsReadSendsWhatWasChecked(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("Dupont")}}); err != nil {
		t.Fatal(err)
	}
	read, err := f.svc.Get(ctx, f.marie.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	var checked []string
	f.svc.opts.Validate = func(_ context.Context, _ string, _ int, a Answers) error {
		checked = append(checked, a.Text("nom"))
		if a.Text("nom") == "" {
			return errs.InvalidFields("Corrigez", []errs.FieldError{{Field: "nom", Message: "Indiquez votre nom."}})
		}
		return nil
	}
	// Another tab empties the name: the sending refuses it.
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"nom"}, Values: Answers{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SubmitAsRead(ctx, Submitter{UserID: f.marie.ID}, read, Receipt{}); len(errs.FieldsOf(err)) != 1 {
		t.Fatalf("sending answers changed to invalid ones: %v", err)
	}
	if got, _ := f.svc.Get(ctx, f.marie.ID, d.ID); got.State != Draft {
		t.Fatalf("refused sending left the dossier %s", got.State)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM jobs`); n != 0 {
		t.Errorf("refused sending enqueued %d jobs", n)
	}
	// It fills it in again as "Dupond": the dossier goes with that name.
	if _, err := f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("Dupond")}}); err != nil {
		t.Fatal(err)
	}
	sent, err := f.svc.SubmitAsRead(ctx, Submitter{UserID: f.marie.ID}, read, Receipt{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.svc.Get(ctx, f.marie.ID, d.ID)
	if sent.State != InConstruction || got.State != InConstruction || got.Answers.Text("nom") != "Dupond" || sent.Answers.Text("nom") != "Dupond" {
		t.Errorf("sent %s with %q, stored %s with %q", sent.State, sent.Answers.Text("nom"), got.State, got.Answers.Text("nom"))
	}
	if want := []string{"Dupont", "", "Dupont", "Dupond"}; !slices.Equal(checked, want) {
		t.Errorf("checked names %q, want %q", checked, want)
	}
	if read.State != Draft {
		t.Errorf("the caller's dossier was changed to %s", read.State)
	}
	// Answers stored in another spelling of the same JSON (written by
	// another program) are read as stored and sent.
	other := f.draft(t, f.paul)
	if _, err := f.db.ExecContext(ctx, `UPDATE dossiers SET answers = $1 WHERE id = $2`, `{ "nom" : {"text":"Martin"} }`, other.ID); err != nil {
		t.Fatal(err)
	}
	read, _ = f.svc.Get(ctx, f.paul.ID, other.ID)
	if _, err := f.svc.SubmitAsRead(ctx, Submitter{UserID: f.paul.ID}, read, Receipt{}); err != nil {
		t.Errorf("answers stored another way: %v", err)
	}
	// Another person's draft is not found; a sent one is not sent again.
	if _, err := f.svc.SubmitAsRead(ctx, Submitter{UserID: f.marie.ID}, read, Receipt{}); !errs.Is(err, errs.NotFound) {
		t.Errorf("another person's draft: %v", err)
	}
	if _, err := f.svc.SubmitAsRead(ctx, Submitter{UserID: f.marie.ID}, got, Receipt{}); !errs.Is(err, errs.Conflict) {
		t.Errorf("a sent dossier: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM dossier_events WHERE kind = 'etat'`); n != 2 {
		t.Errorf("%d sendings in the timelines, want 2", n)
	}
}

// TestSendingTwiceAtOnceSendsOnce clicks "Envoyer" in several tabs at the
// same moment: one sending wins, the others are told it is sent, and the
// dossier has one timeline entry and one receipt job.
func TestSendingTwiceAtOnceSendsOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	read, err := f.svc.Get(ctx, f.marie.ID, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	const tabs = 6
	results := make([]error, tabs)
	var wg sync.WaitGroup
	for i := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, results[i] = f.svc.SubmitAsRead(ctx, Submitter{UserID: f.marie.ID}, read, Receipt{})
			} else {
				_, results[i] = f.svc.Submit(ctx, Submitter{UserID: f.marie.ID}, d.ID, Receipt{})
			}
		}()
	}
	wg.Wait()
	sent := 0
	for i, err := range results {
		switch {
		case err == nil:
			sent++
		case !errs.Is(err, errs.Conflict):
			t.Errorf("tab %d: %v", i, err)
		}
	}
	if sent != 1 {
		t.Errorf("%d tabs sent it, want 1", sent)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM dossier_events WHERE dossier_id = $1 AND kind = 'etat'`, d.ID); n != 1 {
		t.Errorf("%d sendings in the timeline", n)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, ReceiptJob); n != 1 {
		t.Errorf("%d receipt jobs", n)
	}
}

// TestSubmitHooksRunForTheirProcedureOnly sends two dossiers: the hook of
// acte-naissance runs in the sending of its dossier, and refusing undoes
// it; a dossier of another procedure is sent without it.
func TestSubmitHooksRunForTheirProcedureOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	var ran []string
	refuse := true
	f.svc.opts.OnSubmit = map[string]SubmitHook{"acte-naissance": func(ctx context.Context, d *Dossier) error {
		ran = append(ran, d.Reference)
		if d.State != InConstruction {
			t.Errorf("the hook sees the dossier %s", d.State)
		}
		if refuse {
			return errs.E(errs.Conflict, "refusé")
		}
		return nil
	}}
	d := f.draft(t, f.marie)
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID}, d.ID, Receipt{}); !errs.Is(err, errs.Conflict) {
		t.Fatalf("refused by its hook: %v", err)
	}
	if got, _ := f.svc.Get(ctx, f.marie.ID, d.ID); got.State != Draft {
		t.Errorf("refused by its hook, the dossier is %s", got.State)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM jobs`) + f.count(t, `SELECT COUNT(*) FROM dossier_events WHERE kind = 'etat'`); n != 0 {
		t.Errorf("refused by its hook, %d jobs or timeline entries remain", n)
	}
	refuse = false
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID}, d.ID, Receipt{}); err != nil {
		t.Fatal(err)
	}
	other, _, err := f.svc.StartDraft(ctx, Start{UserID: f.marie.ID, Procedure: "prime-naissance", OrgID: f.caf.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Submit(ctx, Submitter{UserID: f.marie.ID}, other.ID, Receipt{}); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 2 || ran[0] != d.Reference || ran[1] != d.Reference {
		t.Errorf("hook ran for %q, want twice %s", ran, d.Reference)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, ReceiptJob); n != 2 {
		t.Errorf("%d receipt jobs, want 2", n)
	}
}
