package backoffice

import (
	"context"
	"testing"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// TestTokenAndAgentActingFromTheSameVersionNeverBothSucceed: the
// organisation's API token goes through the same version check as an
// agent, and sees only its organisation's dossiers.
func TestTokenAndAgentActingFromTheSameVersionNeverBothSucceed(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := w.svc.AddAgent(ctx, w.caf, "prime-naissance", w.luc, 0); err != nil {
		t.Fatal(err)
	}
	id := w.cafDossier.ID
	if _, err := w.svc.OrgVersion(ctx, w.mairie, id); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation reads the version: %v", err)
	}
	v, err := w.svc.OrgVersion(ctx, w.caf, id)
	if err != nil {
		t.Fatal(err)
	}
	if av, _ := w.svc.Version(ctx, w.caf, w.luc, id); av != v {
		t.Fatalf("the token's version %d is not the agent's %d", v, av)
	}
	// The agent acts first; the token, from the same version, is told.
	if err := w.svc.Act(ctx, w.caf, w.luc, id, v, func(ctx context.Context) error {
		return w.dos.Move(ctx, id, dossiers.Agent{UserID: w.luc, OrgID: w.caf}, dossiers.InInstruction, "")
	}); err != nil {
		t.Fatal(err)
	}
	called := false
	err = w.svc.ActForOrg(ctx, w.caf, id, v, func(context.Context) error { called = true; return nil })
	if err != ErrChanged || called {
		t.Fatalf("the token acting from a stale version: %v (action run %v)", err, called)
	}
	nv, err := w.svc.OrgVersion(ctx, w.caf, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.ActForOrg(ctx, w.caf, id, nv, func(ctx context.Context) error {
		return w.dos.Move(ctx, id, dossiers.Agent{OrgID: w.caf}, dossiers.Accepted, "")
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.ActForOrg(ctx, w.mairie, id, nv, func(context.Context) error { return nil }); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another organisation's token acts: %v", err)
	}
}
