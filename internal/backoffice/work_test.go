package backoffice

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/accesslog"
	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

// onTeam puts agents on the CAF procedure's team.
func (w *world) onTeam(t *testing.T, agents ...int64) {
	t.Helper()
	for _, id := range agents {
		if err := w.svc.AddAgent(context.Background(), w.caf, "prime-naissance", id, 0); err != nil {
			t.Fatal(err)
		}
	}
}

func (w *world) version(t *testing.T, agent, id int64) int64 {
	t.Helper()
	v, err := w.svc.Version(context.Background(), w.caf, agent, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (w *world) auditCount(t *testing.T, event string) int {
	t.Helper()
	var n int
	if err := w.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE event = $1`, event).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAssignOnlyToTheTeamAndFilterByHolder(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	luc := dossiers.Agent{UserID: w.luc, OrgID: w.caf}
	id := w.cafDossier.ID
	// Zoé is a CAF agent, but not on the team yet; Ali is of the mairie.
	for _, to := range []int64{w.zoe, w.ali} {
		if err := w.svc.Assign(ctx, luc, id, w.version(t, w.luc, id), to); !errs.Is(err, errs.Invalid) {
			t.Fatalf("assigned to %d off the team: %v", to, err)
		}
	}
	w.onTeam(t, w.zoe)
	if err := w.svc.Assign(ctx, luc, id, w.version(t, w.luc, id), w.zoe); err != nil {
		t.Fatal(err)
	}
	d, err := w.dos.GetForStaff(ctx, w.luc, w.caf, id)
	if err != nil || d.AssignedTo != w.zoe {
		t.Fatalf("assigned to %d, %v", d.AssignedTo, err)
	}
	events, _ := w.dos.Timeline(ctx, d)
	if events[0].Kind != dossiers.EventAssigned || events[0].Detail != "À Zoé Petit, par Luc Moreau" || events[0].ActorID != w.luc {
		t.Fatalf("timeline: %+v", events[0])
	}
	if n := w.auditCount(t, "dossier_assigned"); n != 1 {
		t.Fatalf("%d audit lines", n)
	}
	for _, c := range []struct {
		agent    int64
		assigned string
		want     int
	}{{w.zoe, AssignedToMe, 1}, {w.luc, AssignedToMe, 0}, {w.luc, AssignedToNobody, 0}, {w.luc, "", 1}} {
		q, err := w.svc.Queue(ctx, w.caf, c.agent, Filter{Assigned: c.assigned})
		if err != nil || len(q.Rows) != c.want {
			t.Errorf("agent %d, assigned %q: %d rows, want %d (%v)", c.agent, c.assigned, len(q.Rows), c.want, err)
		}
		if c.want == 1 && q.Rows[0].AssignedName != "Zoé Petit" {
			t.Errorf("holder shown: %q", q.Rows[0].AssignedName)
		}
	}
	// A stale version is refused: the page said what it showed.
	if err := w.svc.Assign(ctx, luc, id, 1, w.luc); !errs.Is(err, errs.Conflict) {
		t.Fatalf("assign from an old version: %v", err)
	}
}

func TestTakingGivesTheDossierToWhoTookIt(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	id := w.cafDossier.ID
	if err := w.svc.Take(ctx, dossiers.Agent{UserID: w.luc, OrgID: w.caf}, id, w.version(t, w.luc, id)); err != nil {
		t.Fatal(err)
	}
	d, _ := w.dos.GetForStaff(ctx, w.luc, w.caf, id)
	if d.State != dossiers.InInstruction || d.AssignedTo != w.luc {
		t.Fatalf("after taking: %s, assigned to %d", d.State, d.AssignedTo)
	}
}

func TestLateDossiersAgainstTheExpectedDelay(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	// 20 dossiers decided in 5 days each: the expected delay is 5 days.
	now := w.clock.Now().UTC()
	for i := range dossiers.DelayMinCount {
		sent := now.AddDate(0, 0, -10-i)
		if _, err := w.db.ExecContext(ctx, `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version,
state, answers, created_at, updated_at, submitted_at, decided_at) VALUES ($1, $2, 'prime-naissance', $3, 1, 'accepte', '{}', $4, $4, $4, $5)`,
			"DONE"+string(rune('A'+i))+"000", w.marie, w.caf, sent, sent.AddDate(0, 0, 5)); err != nil {
			t.Fatal(err)
		}
	}
	q, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{Late: true})
	if err != nil || len(q.Rows) != 0 {
		t.Fatalf("a dossier sent today is late: %+v %v", q, err)
	}
	// Six days on, the sent dossier is late; the delay is computed again.
	w.clock.Advance(6*24*time.Hour + DelayRefresh)
	q, err = w.svc.Queue(ctx, w.caf, w.luc, Filter{Late: true})
	if err != nil || len(q.Rows) != 1 || !q.Rows[0].Late || q.Rows[0].Delay != 5 || q.Rows[0].ID != w.cafDossier.ID {
		t.Fatalf("late = %+v, %v", q, err)
	}
}

func TestBulkActionsListWhatWasDoneAndWhy(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc, w.zoe)
	luc := dossiers.Agent{UserID: w.luc, OrgID: w.caf}
	second := submit(t, w.dos, w.marie, "prime-naissance", w.caf)
	third := submit(t, w.dos, w.marie, "prime-naissance", w.caf)
	stale := w.version(t, w.luc, third.ID)
	// Zoé takes the third meanwhile: Luc's list is out of date for it.
	if err := w.svc.Take(ctx, dossiers.Agent{UserID: w.zoe, OrgID: w.caf}, third.ID, stale); err != nil {
		t.Fatal(err)
	}
	targets := []Target{{ID: w.cafDossier.ID}, {ID: second.ID, Version: w.version(t, w.luc, second.ID)},
		{ID: third.ID, Version: stale}, {ID: w.mairieDo.ID}}
	out, err := w.svc.RunBulk(ctx, luc, targets, Bulk{Kind: BulkTake})
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false, false}
	for i, o := range out {
		if o.Done != want[i] {
			t.Errorf("dossier %d: done %v, want %v (%s)", i, o.Done, want[i], o.Why)
		}
	}
	if !strings.Contains(out[2].Why, "entre-temps") || !strings.Contains(out[3].Why, "n'existe pas") {
		t.Fatalf("reasons: %q, %q", out[2].Why, out[3].Why)
	}
	// One motive for every refusal; a refusal without one is asked again.
	all := []Target{{ID: w.cafDossier.ID}, {ID: second.ID}, {ID: third.ID}}
	if _, err := w.svc.RunBulk(ctx, luc, all, Bulk{Kind: BulkDecide, State: dossiers.Refused}); !errs.Is(err, errs.Invalid) ||
		errs.FieldsOf(err)[0].Field != "lot-motif" {
		t.Fatalf("refused without motive: %v", err)
	}
	out, err = w.svc.RunBulk(ctx, luc, all, Bulk{Kind: BulkDecide, State: dossiers.Refused, Motive: "Hors délai."})
	if err != nil || !out[0].Done || !out[1].Done || !out[2].Done {
		t.Fatalf("refuse: %+v %v", out, err)
	}
	// A second pass finds them decided: refused with the state as reason.
	out, _ = w.svc.RunBulk(ctx, luc, all[:1], Bulk{Kind: BulkTake})
	if out[0].Done || !strings.Contains(out[0].Why, "Refusé") {
		t.Fatalf("taking a refused dossier: %+v", out[0])
	}
	if n := w.auditCount(t, "dossiers_bulk"); n != 3 {
		t.Fatalf("%d bulk audit lines, want 3", n)
	}
	// Over the limit: refused whole, with what to do.
	many := make([]Target, MaxBulk+1)
	_, err = w.svc.RunBulk(ctx, luc, many, Bulk{Kind: BulkTake})
	if !errs.Is(err, errs.Invalid) || !strings.Contains(errs.FieldsOf(err)[0].Message, "501 dossiers : 500 au plus") {
		t.Fatalf("501 dossiers: %v", err)
	}
}

func TestExportReadsTheFilterAndIsAudited(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	submit(t, w.dos, w.marie, "prime-naissance", w.caf)
	var refs []string
	err := w.svc.Export(ctx, w.caf, w.luc, Filter{}, "csv", func(r *ExportRow) error {
		refs = append(refs, r.Reference)
		if r.Name != "Marie Dupont" || r.Email != "marie@example.fr" || string(r.Answers) != "{}" {
			t.Errorf("row = %+v", r)
		}
		return nil
	})
	if err != nil || len(refs) != 2 || refs[0] != w.cafDossier.Reference {
		t.Fatalf("export = %v, %v", refs, err)
	}
	if n := w.auditCount(t, "dossiers_exported"); n != 1 {
		t.Fatalf("%d export audit lines", n)
	}
	// Each dossier exported is in its person's access log: one entry
	// for the batch, naming both.
	exported, err := accesslog.New(w.svc.db, accesslog.Options{}).OfPerson(ctx, w.marie, 0)
	if err != nil || len(exported) != 1 || exported[0].Action != accesslog.Exported || exported[0].ActorID != w.luc ||
		!strings.Contains(exported[0].Category, dossiers.FormatReference(refs[0])) ||
		!strings.Contains(exported[0].Category, dossiers.FormatReference(refs[1])) {
		t.Fatalf("access log after the export = %+v, %v", exported, err)
	}
	// Zoé, off the team, exports nothing.
	n := 0
	if err := w.svc.Export(ctx, w.caf, w.zoe, Filter{}, "json", func(*ExportRow) error { n++; return nil }); err != nil || n != 0 {
		t.Fatalf("off the team: %d rows, %v", n, err)
	}
}

func TestQueueNewestFirst(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	w.clock.Advance(time.Hour)
	later := submit(t, w.dos, w.marie, "prime-naissance", w.caf)
	for _, c := range []struct {
		newest bool
		first  int64
	}{{false, w.cafDossier.ID}, {true, later.ID}} {
		q, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{Newest: c.newest})
		if err != nil || len(q.Rows) != 2 || q.Rows[0].ID != c.first {
			t.Errorf("newest %v: %+v, %v", c.newest, q, err)
		}
		var got int64
		w.svc.Export(ctx, w.caf, w.luc, Filter{Newest: c.newest}, "csv", func(r *ExportRow) error {
			if got == 0 {
				got = r.ID
			}
			return nil
		})
		if got != c.first {
			t.Errorf("export, newest %v: first %d, want %d", c.newest, got, c.first)
		}
	}
}
