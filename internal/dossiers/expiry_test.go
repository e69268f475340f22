package dossiers

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/errs"
	"guichet/internal/notify"
)

func TestDraftExpiry(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	d := f.draft(t, f.marie)
	kept := f.draft(t, f.paul)
	sweep := func() (int, int) {
		w, del, err := f.svc.Sweep(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return w, del
	}
	if w, del := sweep(); w != 0 || del != 0 {
		t.Fatalf("fresh drafts: warned %d deleted %d", w, del)
	}
	// Two weeks and a day before the end: nothing yet.
	f.clock.Advance(DefaultDraftLifetime - ExpiryNotice - 24*time.Hour)
	if _, err := f.svc.SavePage(ctx, f.paul.ID, kept.ID, Page{Fields: []string{"nom"}, Values: Answers{"nom": TextAnswer("Martin")}}); err != nil {
		t.Fatal(err)
	}
	if w, _ := sweep(); w != 0 {
		t.Fatalf("warned %d too early", w)
	}
	f.clock.Advance(2 * 24 * time.Hour)
	if w, del := sweep(); w != 1 || del != 0 {
		t.Fatalf("within two weeks: warned %d deleted %d, want 1 0", w, del)
	}
	if w, _ := sweep(); w != 0 {
		t.Errorf("warned twice")
	}
	body := f.body(t, notify.DraftExpiring)
	if !strings.Contains(body, "sera supprimé le") || !strings.Contains(body, "/mes-demarches/") || !strings.Contains(body, f.marie.Email) {
		t.Errorf("notice e-mail = %s", body)
	}
	// The end date passed, but the notice is not two weeks old: kept.
	f.clock.Advance(ExpiryNotice - 48*time.Hour)
	if _, del := sweep(); del != 0 {
		t.Fatalf("deleted before the notice was two weeks old")
	}
	f.clock.Advance(48 * time.Hour)
	if _, del := sweep(); del != 1 {
		t.Fatalf("deleted %d, want 1", del)
	}
	if _, err := f.svc.Get(ctx, f.marie.ID, d.ID); !errs.Is(err, errs.NotFound) {
		t.Errorf("expired draft still there: %v", err)
	}
	if _, err := f.svc.Get(ctx, f.paul.ID, kept.ID); err != nil {
		t.Errorf("the draft touched in time was deleted: %v", err)
	}
	// The deleted draft leaves a trace without its person, for the figures.
	var n int
	var slug string
	if err := f.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(procedure_slug) FROM dossier_drafts_expired`).Scan(&n, &slug); err != nil ||
		n != 1 || slug != d.Procedure {
		t.Errorf("expired drafts recorded: %d of %q, %v", n, slug, err)
	}
}

func TestExpectedDelay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if _, ok, err := f.svc.ExpectedDelay(ctx, "acte-naissance"); ok || err != nil {
		t.Fatalf("no data: ok %v %v", ok, err)
	}
	// 20 dossiers of 1 to 20 days each: 9 in 10 take at most 18 days.
	for i := 1; i <= DelayMinCount; i++ {
		u := f.citizen(t, ctx, "p"+string(rune('a'+i))+"@example.fr", "P")
		d := f.submitted(t, u)
		f.clock.Advance(time.Duration(i) * 24 * time.Hour)
		if err := f.svc.Move(ctx, d.ID, f.mairie, Accepted, ""); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(-time.Duration(i) * 24 * time.Hour)
		if i == DelayMinCount-1 {
			if _, ok, _ := f.svc.ExpectedDelay(ctx, "acte-naissance"); ok {
				t.Errorf("shown with %d dossiers", i)
			}
		}
	}
	days, ok, err := f.svc.ExpectedDelay(ctx, "acte-naissance")
	if err != nil || !ok || days != 18 {
		t.Errorf("delay = %d %v %v, want 18", days, ok, err)
	}
	// After 90 days, the old decisions no longer count.
	f.clock.Advance(DelayWindow + 30*24*time.Hour)
	if _, ok, _ := f.svc.ExpectedDelay(ctx, "acte-naissance"); ok {
		t.Error("old decisions still counted")
	}
}

// TestOwnerSetsDraftLifetime: the owner's lifetime dates new drafts and
// the drafts already there; the sweep warns two weeks before that date and
// deletes only two weeks after its notice; a shorter lifetime never takes
// away the date a person was given.
func TestOwnerSetsDraftLifetime(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if m, err := f.svc.DraftMonths(ctx, "acte-naissance"); err != nil || m != DefaultDraftMonths {
		t.Fatalf("default = %d, %v", m, err)
	}
	for _, bad := range []int{0, -1, 25} {
		if fe := errs.FieldsOf(f.svc.SetDraftMonths(ctx, f.mairie.UserID, "acte-naissance", bad)); len(fe) != 1 || fe[0].Field != "mois" {
			t.Errorf("%d months accepted: %v", bad, fe)
		}
	}
	old := f.draft(t, f.marie)
	f.clock.Advance(24 * time.Hour)
	if err := f.svc.SetDraftMonths(ctx, f.mairie.UserID, "acte-naissance", 2); err != nil {
		t.Fatal(err)
	}
	if m, _ := f.svc.DraftMonths(ctx, "acte-naissance"); m != 2 {
		t.Errorf("months = %d, want 2", m)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE event = 'dossier_draft_lifetime' AND actor_id = $1`, f.mairie.UserID); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}
	twoMonths := 2 * draftMonth
	got, _ := f.svc.Get(ctx, f.marie.ID, old.ID)
	if !got.ExpiresAt.Equal(old.UpdatedAt.Add(twoMonths)) {
		t.Errorf("draft already there expires %s, want %s", got.ExpiresAt, old.UpdatedAt.Add(twoMonths))
	}
	fresh := f.draft(t, f.paul)
	if want := f.clock.Now().UTC().Truncate(time.Microsecond).Add(twoMonths); !fresh.ExpiresAt.Equal(want) {
		t.Errorf("new draft expires %s, want %s", fresh.ExpiresAt, want)
	}
	// Another procedure keeps the default.
	other, _, err := f.svc.StartDraft(ctx, Start{UserID: f.marie.ID, Procedure: "inscription-ecole", OrgID: f.mairie.OrgID, FormVersion: 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := f.clock.Now().UTC().Truncate(time.Microsecond).Add(DefaultDraftLifetime); !other.ExpiresAt.Equal(want) {
		t.Errorf("draft of another procedure expires %s, want %s", other.ExpiresAt, want)
	}
	// The sweep warns two weeks before the two months.
	f.clock.Advance(twoMonths - ExpiryNotice - 48*time.Hour)
	if w, del, err := f.svc.Sweep(ctx); err != nil || w != 0 || del != 0 {
		t.Fatalf("too early: warned %d deleted %d %v", w, del, err)
	}
	f.clock.Advance(24 * time.Hour)
	if w, _, err := f.svc.Sweep(ctx); err != nil || w != 1 {
		t.Fatalf("warned %d, want the older draft (%v)", w, err)
	}
	warned, _ := f.svc.Get(ctx, f.marie.ID, old.ID)
	// Shortened to a month after the notice: the date given is kept, and
	// nothing goes before the notice is two weeks old.
	if err := f.svc.SetDraftMonths(ctx, f.mairie.UserID, "acte-naissance", 1); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.svc.Get(ctx, f.marie.ID, old.ID); !got.ExpiresAt.Equal(warned.ExpiresAt) {
		t.Errorf("warned draft now expires %s, want the date given, %s", got.ExpiresAt, warned.ExpiresAt)
	}
	if _, del, _ := f.svc.Sweep(ctx); del != 0 {
		t.Fatalf("deleted %d drafts right after shortening", del)
	}
	// The fresh draft, a month old now and never warned, is warned first.
	if w, del, _ := f.svc.Sweep(ctx); w != 0 || del != 0 {
		t.Errorf("second sweep: warned %d deleted %d", w, del)
	}
	f.clock.Advance(ExpiryNotice)
	if _, del, err := f.svc.Sweep(ctx); err != nil || del != 2 {
		t.Errorf("deleted %d after the notices, want both drafts of the procedure (%v)", del, err)
	}
	if _, err := f.svc.Get(ctx, f.marie.ID, other.ID); err != nil {
		t.Errorf("the draft of another procedure went: %v", err)
	}
}
