package dossiers

import (
	"context"
	"testing"

	"guichet/internal/accesslog"
	"guichet/internal/errs"
)

// TestAnAgentsReadIsInThePersonsAccessLog: an agent opening a dossier
// writes the read to the person's access log, chained; another
// administration's agent reads nothing and writes nothing.
func TestAnAgentsReadIsInThePersonsAccessLog(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	if _, err := f.svc.GetForStaff(ctx, f.caf.UserID, f.caf.OrgID, d.ID); !errs.Is(err, errs.NotFound) {
		t.Fatalf("another administration's agent: %v", err)
	}
	if _, err := f.svc.GetForStaff(ctx, f.mairie.UserID, f.mairie.OrgID, d.ID); err != nil {
		t.Fatal(err)
	}
	got, err := accesslog.New(f.db, accesslog.Options{}).OfPerson(ctx, f.marie.ID, 0)
	if err != nil || len(got) != 1 {
		t.Fatalf("access log = %+v, %v", got, err)
	}
	e := got[0]
	if e.OrgID != f.mairie.OrgID || e.ActorID != f.mairie.UserID || e.ActorKind != accesslog.ByAgent ||
		e.Action != accesslog.Read || e.Category != "dossier "+d.ShownReference() || e.Purpose == "" {
		t.Errorf("entry %+v", e)
	}
	if v, err := accesslog.Verify(ctx, f.db); err != nil || v.Broken != nil || v.Entries != 1 {
		t.Errorf("verify %+v, %v", v, err)
	}
}

// TestNoReadWithoutItsLogLine: when the log cannot be written, the agent
// does not get the dossier.
func TestNoReadWithoutItsLogLine(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	if _, err := f.db.ExecContext(ctx, `DROP TABLE access_log`); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.GetForStaff(ctx, f.mairie.UserID, f.mairie.OrgID, d.ID); err == nil || got != nil {
		t.Errorf("read without its log line: %v, %v", got, err)
	}
}

// TestATokenAndAMediatorReadsAreLogged: an organisation's API token reading
// a dossier by reference, and a mediator acting for the person, both land
// in the person's access log; the person reading their own does not.
func TestATokenAndAMediatorReadsAreLogged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.submitted(t, f.marie)
	if _, err := f.svc.Get(ctx, f.marie.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.GetByReference(ctx, Agent{OrgID: f.mairie.OrgID, TokenID: 5}, d.Reference); err != nil {
		t.Fatal(err)
	}
	helped := WithHelper(ctx, Helper{MediatorID: 77, OrgID: 8, MandateID: 3})
	if _, err := f.svc.Get(helped, f.marie.ID, d.ID); err != nil {
		t.Fatal(err)
	}
	got, err := accesslog.New(f.db, accesslog.Options{}).OfPerson(ctx, f.marie.ID, 0)
	if err != nil || len(got) != 2 {
		t.Fatalf("access log = %+v, %v", got, err)
	}
	if got[0].ActorKind != accesslog.ByMediator || got[0].ActorID != 77 || got[0].OrgID != 8 {
		t.Errorf("mediator's read %+v", got[0])
	}
	if got[1].ActorKind != accesslog.ByToken || got[1].OrgID != f.mairie.OrgID || got[1].ActorName == "" {
		t.Errorf("token's read %+v", got[1])
	}
}
