package dossiers

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/errs"
	"guichet/internal/notify"
)

// TestRetentionWarnsOnceThenDeletesCompletely: closed dossiers of a
// procedure with a retention are announced once, 30 days before, then
// deleted with their timeline, messages and files; the access log's
// entries about them become tombstones and the chain still verifies; a
// dossier still open is kept.
func TestRetentionWarnsOnceThenDeletesCompletely(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	erased := 0
	f.svc.opts.EraseJournal = func(ctx context.Context, tx *sql.Tx, personID int64, reference string) error {
		if tx == nil || personID == 0 || reference == "" {
			t.Errorf("EraseJournal(%v, %d, %q)", tx != nil, personID, reference)
		}
		erased++
		return nil
	}
	closed := []*Dossier{f.submitted(t, f.marie), f.submitted(t, f.paul)}
	if _, err := f.svc.PostMessage(ctx, f.marie.ID, closed[0].ID, "Voici le justificatif.",
		[]Upload{{Name: "justificatif.pdf", Content: strings.NewReader(string(pdfBytes(100)))}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range closed {
		// The agent's read goes to the person's access log.
		if _, err := f.svc.GetForStaff(ctx, f.mairie.UserID, f.mairie.OrgID, d.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Move(ctx, d.ID, f.mairie, Accepted, ""); err != nil {
			t.Fatal(err)
		}
	}
	open := f.submitted(t, f.marie)
	if f.count(t, `SELECT COUNT(*) FROM dossier_files`) != 1 {
		t.Fatal("the message's file was not stored")
	}
	if err := f.svc.SetRetentionMonths(ctx, f.mairie.UserID, "acte-naissance", 0); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetRetentionMonths(ctx, f.mairie.UserID, "acte-naissance", 121); errs.FieldOf(err) != "conservation" {
		t.Errorf("121 months: %v", err)
	}
	if err := f.svc.SetRetentionMonths(ctx, f.mairie.UserID, "acte-naissance", 12); err != nil {
		t.Fatal(err)
	}
	if m, err := f.svc.RetentionMonths(ctx, "acte-naissance"); m != 12 || err != nil {
		t.Fatalf("retention = %d, %v", m, err)
	}
	if m, _ := f.svc.DraftMonths(ctx, "acte-naissance"); m != DefaultDraftMonths {
		t.Errorf("setting a retention changed the draft lifetime to %d", m)
	}
	sweep := func() (int, int) {
		t.Helper()
		w, d, err := f.svc.SweepRetention(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return w, d
	}
	period := 12 * retentionMonth
	f.clock.Advance(period - RetentionNotice - 24*time.Hour)
	if w, d := sweep(); w != 0 || d != 0 {
		t.Fatalf("a day before the notice: warned %d deleted %d", w, d)
	}
	f.clock.Advance(2 * 24 * time.Hour)
	if w, d := sweep(); w != 2 || d != 0 {
		t.Fatalf("30 days before: warned %d deleted %d, want 2 0", w, d)
	}
	if w, _ := sweep(); w != 0 {
		t.Errorf("warned twice")
	}
	var body string
	f.db.QueryRowContext(ctx, `SELECT body FROM notify_messages WHERE event = $1 AND recipient = $2`,
		string(notify.DossierDeleting), f.marie.Email).Scan(&body)
	if !strings.Contains(body, "sera supprimée le") || !strings.Contains(body, FormatReference(closed[0].Reference)) {
		t.Errorf("notice = %q", body)
	}
	// The period is over, but the notice is not 30 days old: kept.
	f.clock.Advance(RetentionNotice - 48*time.Hour)
	if _, d := sweep(); d != 0 {
		t.Fatalf("deleted %d before the notice was 30 days old", d)
	}
	f.clock.Advance(48 * time.Hour)
	if _, d := sweep(); d != 2 {
		t.Fatalf("deleted %d, want 2", d)
	}
	for _, d := range closed {
		if _, err := f.svc.Get(ctx, d.UserID, d.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("dossier %d still there: %v", d.ID, err)
		}
		for _, table := range []string{"dossier_events", "dossier_messages", "dossier_files"} {
			if n := f.count(t, `SELECT COUNT(*) FROM `+table+` WHERE dossier_id = $1`, d.ID); n != 0 {
				t.Errorf("%s keeps %d rows of dossier %d", table, n, d.ID)
			}
		}
	}
	if entries, _ := os.ReadDir(f.filesDir); len(entries) != 0 {
		t.Errorf("files left on disk: %v", entries)
	}
	if _, err := f.svc.Get(ctx, f.marie.ID, open.ID); err != nil {
		t.Errorf("an open dossier was deleted: %v", err)
	}
	if erased != 2 {
		t.Errorf("mandate journal erased for %d dossiers, want 2", erased)
	}
	v, err := accesslog.Verify(ctx, f.db)
	if err != nil || v.Broken != nil || v.Erased < 2 {
		t.Errorf("access log after deletion = %+v (%v), %v", v, v.Broken, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_events WHERE event = 'dossier_deleted'`); n != 2 {
		t.Errorf("%d audit lines for the deletions", n)
	}
}

// TestANewDossierOnADeletedOnesIDIsToldOfItsOwn: on SQLite a new row takes
// the id of the last row deleted, so events keyed by a dossier's id would
// look already told for the new dossier and its person would hear nothing.
// Events are keyed by the dossier's reference, which is never reused.
func TestANewDossierOnADeletedOnesIDIsToldOfItsOwn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	old := f.submitted(t, f.marie)
	if err := f.svc.Move(ctx, old.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Move(ctx, old.ID, f.mairie, Accepted, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteClosed(ctx, old.ID, "test"); err != nil {
		t.Fatal(err)
	}
	d := f.submitted(t, f.paul)
	t.Logf("deleted dossier %d, new dossier %d", old.ID, d.ID)
	if err := f.svc.Move(ctx, d.ID, f.mairie, InInstruction, ""); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []notify.Kind{notify.DossierReceived, notify.StateChanged} {
		if n := f.count(t, `SELECT COUNT(*) FROM notify_messages WHERE user_id = $1 AND event = $2`, f.paul.ID, string(kind)); n != 1 {
			t.Errorf("%d %s messages for the new dossier's person, want 1", n, kind)
		}
	}
}
