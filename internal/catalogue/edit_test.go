package catalogue

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/errs"
)

func TestCreateSavePublishHistory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := sampleProcedure("aide-logement", "Aide au logement")
	created, err := f.svc.Create(ctx, f.caf, p)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.Latest.Number != 1 || created.Status() != Draft || created.Org.Slug != "caf" {
		t.Fatalf("created: revision %d, status %s, org %q; want 1, draft, caf", created.Latest.Number, created.Status(), created.Org.Slug)
	}
	if created.Latest.AuthorName != "Luc Moreau" {
		t.Errorf("author %q, want Luc Moreau", created.Latest.AuthorName)
	}
	if created.Latest.SummaryScore <= 0 || created.Latest.FALCScore <= 0 {
		t.Errorf("scores %v and %v, want positive", created.Latest.SummaryScore, created.Latest.FALCScore)
	}

	t.Run("drafts are invisible to the public", func(t *testing.T) {
		sn := mustSnapshot(t, f.svc)
		if _, ok := sn.Procedure("aide-logement"); ok {
			t.Error("a draft is on the public catalogue")
		}
		if res := sn.Search("aide logement", 0, 10); res.Total != 0 {
			t.Errorf("search finds a draft: %+v", res.Hits)
		}
	})

	if err := f.svc.Publish(ctx, f.caf, "aide-logement", 1); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	p.Title = "Aide personnalisée au logement"
	edited, err := f.svc.Save(ctx, f.caf, "aide-logement", 1, p)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	if edited.Latest.Number != 2 || edited.Status() != Changed || edited.PublishedRevision != 1 {
		t.Fatalf("after save: revision %d, status %s, published %d; want 2, changed, 1",
			edited.Latest.Number, edited.Status(), edited.PublishedRevision)
	}

	t.Run("the public keeps the published revision until the next publish", func(t *testing.T) {
		pub, ok := mustSnapshot(t, f.svc).Procedure("aide-logement")
		if !ok || pub.Title != "Aide au logement" || pub.Revision != 1 {
			t.Fatalf("public procedure %+v, want revision 1 titled Aide au logement", pub)
		}
		if err := f.svc.Publish(ctx, f.caf, "aide-logement", 2); err != nil {
			t.Fatal(err)
		}
		pub, _ = mustSnapshot(t, f.svc).Procedure("aide-logement")
		if pub.Title != "Aide personnalisée au logement" || pub.Org.Name != "Caisse d'allocations familiales" {
			t.Errorf("after publishing 2: title %q, org %q", pub.Title, pub.Org.Name)
		}
	})

	t.Run("history lists every revision, newest first", func(t *testing.T) {
		revs, err := f.svc.Revisions(ctx, f.caf, "aide-logement")
		if err != nil {
			t.Fatal(err)
		}
		type line struct {
			Number    int
			Title     string
			Published bool
		}
		var got []line
		for _, r := range revs {
			got = append(got, line{r.Number, r.Title, r.Published})
		}
		want := []line{{2, "Aide personnalisée au logement", true}, {1, "Aide au logement", false}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("revisions (-want +got):\n%s", diff)
		}
		old, err := f.svc.Revision(ctx, f.caf, "aide-logement", 1)
		if err != nil || old.Procedure.Title != "Aide au logement" {
			t.Errorf("revision 1: %v, %v", old, err)
		}
	})

	t.Run("unpublish hides the procedure and keeps its history", func(t *testing.T) {
		if err := f.svc.Unpublish(ctx, f.caf, "aide-logement"); err != nil {
			t.Fatal(err)
		}
		if _, ok := mustSnapshot(t, f.svc).Procedure("aide-logement"); ok {
			t.Error("still public after Unpublish")
		}
		e, err := f.svc.Edited(ctx, f.caf, "aide-logement")
		if err != nil || e.Status() != Draft || e.Latest.Number != 2 {
			t.Errorf("after Unpublish: %+v, %v", e, err)
		}
	})
}

func TestOtherOrganisationRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := sampleProcedure("aide-logement", "Aide au logement")
	if _, err := f.svc.Create(ctx, f.caf, p); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"save", func() error { _, err := f.svc.Save(ctx, f.cpam, "aide-logement", 1, p); return err }},
		{"publish", func() error { return f.svc.Publish(ctx, f.cpam, "aide-logement", 1) }},
		{"unpublish", func() error { return f.svc.Unpublish(ctx, f.cpam, "aide-logement") }},
		{"read", func() error { _, err := f.svc.Edited(ctx, f.cpam, "aide-logement"); return err }},
		{"history", func() error { _, err := f.svc.Revisions(ctx, f.cpam, "aide-logement"); return err }},
		{"revision", func() error { _, err := f.svc.Revision(ctx, f.cpam, "aide-logement", 1); return err }},
	}
	// A draft of another organisation is answered as an unknown procedure: its existence
	// does not leak.
	_, unknown := f.svc.Edited(ctx, f.cpam, "pas-de-demarche")
	for _, tt := range tests {
		t.Run(tt.name+" draft", func(t *testing.T) {
			err := tt.call()
			if !errs.Is(err, errs.NotFound) || errs.MessageOf(err) != errs.MessageOf(unknown) {
				t.Errorf("got %v, want errs.NotFound saying %q", err, errs.MessageOf(unknown))
			}
		})
	}
	e, err := f.svc.Edited(ctx, f.caf, "aide-logement")
	if err != nil || e.Latest.Number != 1 || e.Status() != Draft {
		t.Errorf("the procedure changed: %+v, %v", e, err)
	}
	// A published procedure is public: refusing it says no more than its page.
	if err := f.svc.Publish(ctx, f.caf, "aide-logement", 1); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name+" published", func(t *testing.T) {
			if err := tt.call(); !errs.Is(err, errs.Forbidden) {
				t.Errorf("got %v, want errs.Forbidden", err)
			}
		})
	}
	if e, err := f.svc.Edited(ctx, f.caf, "aide-logement"); err != nil || e.Latest.Number != 1 || e.Status() == Draft {
		t.Errorf("the procedure changed: %+v, %v", e, err)
	}
}

func TestSaveErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p := sampleProcedure("aide-logement", "Aide au logement")
	if _, err := f.svc.Create(ctx, f.caf, p); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Save(ctx, f.caf, "aide-logement", 1, p); err != nil {
		t.Fatal(err)
	}
	t.Run("stale base revision", func(t *testing.T) {
		_, err := f.svc.Save(ctx, f.caf, "aide-logement", 1, p)
		if !errs.Is(err, errs.Conflict) {
			t.Errorf("got %v, want errs.Conflict", err)
		}
	})
	t.Run("slug taken", func(t *testing.T) {
		_, err := f.svc.Create(ctx, f.cpam, p)
		if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != FieldSlug {
			t.Errorf("got %v, want a slug error", err)
		}
	})
	t.Run("unknown procedure", func(t *testing.T) {
		_, err := f.svc.Save(ctx, f.caf, "n-existe-pas", 1, p)
		if !errs.Is(err, errs.NotFound) {
			t.Errorf("got %v, want errs.NotFound", err)
		}
	})
	t.Run("unknown life event", func(t *testing.T) {
		q := p
		q.LifeEvents = []string{"je-vais-sur-la-lune"}
		_, err := f.svc.Save(ctx, f.caf, "aide-logement", 2, q)
		if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != FieldLifeEvents {
			t.Errorf("got %v, want a life event error", err)
		}
	})
	t.Run("incomplete draft cannot be published", func(t *testing.T) {
		q := Procedure{Slug: "brouillon", Title: "Un brouillon", Category: "famille"}
		if _, err := f.svc.Create(ctx, f.caf, q); err != nil {
			t.Fatalf("a draft with a title and a category must save: %v", err)
		}
		err := f.svc.Publish(ctx, f.caf, "brouillon", 1)
		fe := errs.FieldsOf(err)
		if !errs.Is(err, errs.Invalid) || len(fe) < 5 {
			t.Errorf("got %v, want the missing fields", err)
		}
	})
}

// TestCreatePublished checks that a procedure created published is on the
// public catalogue at once as its revision 1, and that one that could not
// be published is refused whole: nothing stays behind as a draft.
func TestCreatePublished(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	if err := f.svc.CreatePublished(ctx, f.caf, sampleProcedure("aide-logement", "Aide au logement")); err != nil {
		t.Fatalf("CreatePublished: %v", err)
	}
	pub, ok := mustSnapshot(t, f.svc).Procedure("aide-logement")
	if !ok || pub.Revision != 1 || pub.Title != "Aide au logement" || pub.Org.Slug != "caf" {
		t.Fatalf("public procedure %+v (found %v); want revision 1 titled Aide au logement, of the CAF", pub, ok)
	}
	ed, err := f.svc.Edited(ctx, f.caf, "aide-logement")
	if err != nil || ed.Status() != Published || ed.PublishedRevision != 1 || ed.Latest.Number != 1 {
		t.Fatalf("Edited = %+v, %v; want revision 1 published", ed, err)
	}

	incomplete := sampleProcedure("aide-incomplete", "Aide incomplète")
	incomplete.Summary = ""
	err = f.svc.CreatePublished(ctx, f.caf, incomplete)
	if !errs.Is(err, errs.Invalid) || errs.FieldOf(err) != FieldSummary {
		t.Errorf("incomplete procedure: %v; want an Invalid error on the summary", err)
	}
	if _, err := f.svc.Edited(ctx, f.caf, "aide-incomplete"); !errs.Is(err, errs.NotFound) {
		t.Errorf("the refused procedure was kept (Edited: %v)", err)
	}
	err = f.svc.CreatePublished(ctx, f.caf, sampleProcedure("aide-logement", "Autre aide"))
	if !errs.Is(err, errs.Invalid) || errs.FieldOf(err) != FieldSlug {
		t.Errorf("taken slug: %v; want an Invalid error on the slug", err)
	}
}
