package catalogue

import (
	"context"
	"testing"
	"time"
)

// TestNodesStayInStep runs two services on one database, as two nodes behind a load balancer:
// a change published on one shows on the other once CheckEvery has passed, and not before.
func TestNodesStayInStep(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	other, err := New(f.db, Options{Now: f.clock.Now, CheckEvery: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	before := mustSnapshot(t, other)
	if _, err := f.svc.Create(ctx, f.caf, sampleProcedure("aide-logement", "Aide au logement")); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Publish(ctx, f.caf, "aide-logement", 1); err != nil {
		t.Fatal(err)
	}
	if _, ok := mustSnapshot(t, f.svc).Procedure("aide-logement"); !ok {
		t.Fatal("the node that published does not show the procedure at once")
	}
	f.clock.Advance(500 * time.Millisecond)
	if sn := mustSnapshot(t, other); sn != before {
		t.Error("the other node read the version again before CheckEvery")
	}
	f.clock.Advance(600 * time.Millisecond)
	sn := mustSnapshot(t, other)
	if _, ok := sn.Procedure("aide-logement"); !ok {
		t.Error("the other node does not show the procedure after CheckEvery")
	}
	if sn.Version <= before.Version {
		t.Errorf("version %d, want more than %d", sn.Version, before.Version)
	}
	f.clock.Advance(2 * time.Second)
	if again := mustSnapshot(t, other); again != sn {
		t.Error("the snapshot was rebuilt although the version did not move")
	}
}

// TestWritesInARowRebuildOnce checks that procedures published one after
// another (a catalogue being loaded) are all shown by the next snapshot of
// the node that wrote them, built once for all of them, with no waiting
// for CheckEvery.
func TestWritesInARowRebuildOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	before := mustSnapshot(t, f.svc)
	slugs := []string{"aide-logement", "prime-activite", "carte-vitale"}
	for _, slug := range slugs {
		if _, err := f.svc.Create(ctx, f.caf, sampleProcedure(slug, "Démarche "+slug)); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Publish(ctx, f.caf, slug, 1); err != nil {
			t.Fatal(err)
		}
		if f.svc.snap.Load() != before {
			t.Fatalf("publishing %s rebuilt the snapshot before anyone read it", slug)
		}
	}
	sn := mustSnapshot(t, f.svc)
	for _, slug := range slugs {
		if _, ok := sn.Procedure(slug); !ok {
			t.Errorf("%s is missing from the next snapshot", slug)
		}
	}
	if again := mustSnapshot(t, f.svc); again != sn {
		t.Error("a second read rebuilt the snapshot again")
	}
}
