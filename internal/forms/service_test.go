package forms

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/testkit"
)

// newService returns a service over a fresh database holding the procedures slugs.
func newService(t *testing.T, slugs ...string) (*Service, *database.DB, *testkit.Clock) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.Open(t)
	clock := testkit.NewClock(time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC))
	if _, err := db.ExecContext(ctx, `INSERT INTO organisations (id, slug, name, kind, created_at)
		VALUES (1, 'caf', 'Caisse d''allocations familiales', 'administration', $1)`, clock.Now()); err != nil {
		t.Fatal(err)
	}
	for i, slug := range slugs {
		if _, err := db.ExecContext(ctx, `INSERT INTO procedures (id, slug, org_id, latest_revision, created_at, updated_at)
			VALUES ($1, $2, 1, 1, $3, $3)`, i+1, slug, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return New(db, Options{Now: clock.Now}), db, clock
}

func TestVersionsKeepWhatDossiersStartedOn(t *testing.T) {
	ctx := context.Background()
	svc, _, clock := newService(t, "prime-naissance")
	slug := "prime-naissance"

	if ok, err := svc.HasOnlineForm(ctx, slug); err != nil || ok {
		t.Fatalf("HasOnlineForm before any form = %v, %v", ok, err)
	}
	if _, err := svc.Published(ctx, slug); !errs.Is(err, errs.NotFound) {
		t.Fatalf("Published before any form: %v", err)
	}
	empty, err := svc.Draft(ctx, slug)
	if err != nil || empty.Version != 1 || len(empty.Pages) != 0 {
		t.Fatalf("first draft = %+v, %v", empty, err)
	}

	v1 := *testForm()
	saved, err := svc.SaveDraft(ctx, slug, 0, v1)
	if err != nil || saved.Version != 1 || saved.Procedure != slug {
		t.Fatalf("SaveDraft = %+v, %v", saved, err)
	}
	// Saving again edits the same draft.
	v1.Pages[0].Title = "Qui êtes-vous ?"
	if saved, err = svc.SaveDraft(ctx, slug, 0, v1); err != nil || saved.Version != 1 {
		t.Fatalf("second SaveDraft = %+v, %v", saved, err)
	}
	if ok, _ := svc.HasOnlineForm(ctx, slug); ok {
		t.Fatal("a draft alone makes the procedure online")
	}
	clock.Advance(time.Hour)
	if n, err := svc.Publish(ctx, slug, 0); err != nil || n != 1 {
		t.Fatalf("Publish = %d, %v", n, err)
	}
	if ok, _ := svc.HasOnlineForm(ctx, slug); !ok {
		t.Fatal("a published form does not make the procedure online")
	}
	if _, err := svc.Publish(ctx, slug, 0); !errs.Is(err, errs.NotFound) {
		t.Fatalf("publishing without a draft: %v", err)
	}

	// A dossier starts on version 1; the owner then publishes a version 2.
	started, err := svc.Published(ctx, slug)
	if err != nil || started.Version != 1 || started.Pages[0].Title != "Qui êtes-vous ?" {
		t.Fatalf("Published = %+v, %v", started, err)
	}
	next, err := svc.Draft(ctx, slug)
	if err != nil || next.Version != 2 {
		t.Fatalf("Draft after publishing = %+v, %v", next, err)
	}
	next.Pages = next.Pages[:1]
	next.Pages[0].Title = "Vous"
	if saved, err = svc.SaveDraft(ctx, slug, 0, *next); err != nil || saved.Version != 2 {
		t.Fatalf("SaveDraft v2 = %+v, %v", saved, err)
	}
	if cur, _ := svc.Published(ctx, slug); cur.Version != 1 {
		t.Fatal("a draft replaced the published version")
	}
	if n, err := svc.Publish(ctx, slug, 0); err != nil || n != 2 {
		t.Fatalf("Publish v2 = %d, %v", n, err)
	}
	kept, err := svc.Version(ctx, slug, 1)
	if err != nil || !reflect.DeepEqual(kept.Pages, started.Pages) {
		t.Fatalf("version 1 changed after version 2 was published: %+v, %v", kept, err)
	}
	if cur, _ := svc.Published(ctx, slug); cur.Version != 2 || len(cur.Pages) != 1 {
		t.Fatalf("Published = %+v", cur)
	}
	if _, err := svc.Version(ctx, slug, 9); !errs.Is(err, errs.NotFound) {
		t.Fatalf("Version 9: %v", err)
	}

	list, err := svc.Versions(ctx, slug)
	if err != nil || len(list) != 2 || list[0].Number != 2 || !list[0].Published || list[1].Pages != 4 ||
		!list[1].PublishedAt.Equal(clock.Now()) {
		t.Fatalf("Versions = %+v, %v", list, err)
	}
}

func TestSaveDraftRefusesWrongForms(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t, "prime-naissance")
	bad := *testForm()
	bad.Pages[0].Fields[1].Key = "nom complet"
	_, err := svc.SaveDraft(ctx, "prime-naissance", 0, bad)
	if !errs.Is(err, errs.Invalid) || len(errs.FieldsOf(err)) == 0 {
		t.Fatalf("SaveDraft of a wrong form: %v", err)
	}
	if _, err := svc.SaveDraft(ctx, "inconnue", 0, *testForm()); !errs.Is(err, errs.NotFound) {
		t.Fatalf("SaveDraft for an unknown procedure: %v", err)
	}
}

func TestDiscardDraft(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := newService(t, "prime-naissance")
	if _, err := svc.SaveDraft(ctx, "prime-naissance", 0, *testForm()); err != nil {
		t.Fatal(err)
	}
	if err := svc.DiscardDraft(ctx, "prime-naissance"); err != nil {
		t.Fatal(err)
	}
	if d, err := svc.Draft(ctx, "prime-naissance"); err != nil || d.Version != 1 || len(d.Pages) != 0 {
		t.Fatalf("Draft after discarding = %+v, %v", d, err)
	}
}

func TestPublishJoinsCallerTransaction(t *testing.T) {
	ctx := context.Background()
	svc, db, _ := newService(t, "prime-naissance")
	if _, err := svc.SaveDraft(ctx, "prime-naissance", 0, *testForm()); err != nil {
		t.Fatal(err)
	}
	failed := errs.E(errs.Conflict, "stop")
	err := db.InTx(ctx, func(ctx context.Context, _ *sql.Tx) error {
		if _, err := svc.Publish(ctx, "prime-naissance", 0); err != nil {
			return err
		}
		return failed
	})
	if err != failed {
		t.Fatalf("InTx = %v", err)
	}
	if ok, _ := svc.HasOnlineForm(ctx, "prime-naissance"); ok {
		t.Fatal("the publication survived the caller's rollback")
	}
}
