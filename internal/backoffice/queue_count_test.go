package backoffice

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"guichet/internal/dossiers"
	"guichet/internal/errs"
)

const insertQueueDossierSQL = `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version,
state, answers, created_at, updated_at, submitted_at, decided_at, assigned_to) VALUES ($1, $2, $3, $4, 1, $5, '{}', $6, $6, $6, $7, $8)`

// addDossier writes a sent dossier of the CAF straight to the table: its
// procedure, its state, when it was sent and who holds it (0: nobody).
func (w *world) addDossier(t *testing.T, ref, proc string, state dossiers.State, sent time.Time, holder int64) int64 {
	t.Helper()
	var decided, assigned any
	if state.Decided() {
		decided = sent.AddDate(0, 0, 5)
	}
	if holder != 0 {
		assigned = holder
	}
	ctx := context.Background()
	if _, err := w.db.ExecContext(ctx, insertQueueDossierSQL, ref, w.marie, proc, w.caf, string(state), sent, decided, assigned); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := w.db.QueryRowContext(ctx, `SELECT id FROM dossiers WHERE reference = $1`, ref).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestQueueCountsAgreeWithTheList: under every kind of filter, the count
// of each state (its own query, written for the counting index) is the
// number of dossiers the list shows for that state, and the total is
// theirs; dossiers of a procedure off the agent's team count nowhere.
func TestQueueCountsAgreeWithTheList(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc, w.zoe)
	if _, err := w.db.ExecContext(ctx, `INSERT INTO procedures (slug, org_id, latest_revision, created_at, updated_at)
VALUES ('aide-caf', $1, 1, $2, $2)`, w.caf, w.clock.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	now := w.clock.Now().UTC()
	// Decided in 5 days each: the expected delay is 5 days.
	for i := range dossiers.DelayMinCount {
		holder := w.luc
		if i%3 == 0 {
			holder = w.zoe
		}
		state := dossiers.Accepted
		if i%4 == 0 {
			state = dossiers.Refused
		}
		w.addDossier(t, fmt.Sprintf("DONE%04d", i), "prime-naissance", state, now.AddDate(0, 0, -10-i), holder)
	}
	w.addDossier(t, "CLOS0001", "prime-naissance", dossiers.Closed, now.AddDate(0, 0, -40), 0)
	waiting := w.addDossier(t, "CONS0001", "prime-naissance", dossiers.InConstruction, now.AddDate(0, 0, -3), 0)
	w.addDossier(t, "INST0001", "prime-naissance", dossiers.InInstruction, now.AddDate(0, 0, -8), w.luc)
	w.addDossier(t, "INST0002", "prime-naissance", dossiers.InInstruction, now.AddDate(0, 0, -9), w.zoe)
	w.addDossier(t, "INST0003", "prime-naissance", dossiers.InInstruction, now.AddDate(0, 0, 3), w.luc)
	w.addDossier(t, "OFFT0001", "aide-caf", dossiers.InInstruction, now.AddDate(0, 0, -9), w.luc)
	if _, err := w.db.ExecContext(ctx, `INSERT INTO dossier_corrections (dossier_id, requested_at, requested_by, reason, fields, message)
VALUES ($1, $2, $3, 'Pièce illisible', '[]', 'Envoyez-la de nouveau.')`, waiting, now, w.luc); err != nil {
		t.Fatal(err)
	}
	// Six days on: the dossiers open and sent more than 5 days before are late.
	w.clock.Advance(6*24*time.Hour + DelayRefresh)
	for _, tt := range []struct {
		name  string
		f     Filter
		total Count
	}{
		{"everything", Filter{}, 26},
		{"mine", Filter{Assigned: AssignedToMe}, 15},
		{"nobody's", Filter{Assigned: AssignedToNobody}, 3},
		{"late", Filter{Late: true}, 4},
		{"mine and late", Filter{Assigned: AssignedToMe, Late: true}, 1},
		{"nobody's and late", Filter{Assigned: AssignedToNobody, Late: true}, 2},
		{"waiting", Filter{Waiting: true}, 1},
		{"by name", Filter{Search: "dupont"}, 26},
		{"by reference", Filter{Search: "INST-0002"}, 1},
		{"by name and mine", Filter{Search: "marie", Assigned: AssignedToMe}, 15},
		{"by procedure", Filter{Procedure: "prime-naissance"}, 26},
		{"procedure off the team", Filter{Procedure: "aide-caf"}, 0},
		{"dates", Filter{From: now.AddDate(0, 0, -20), To: now.AddDate(0, 0, -8)}, 12},
		{"dates and late", Filter{From: now.AddDate(0, 0, -20), To: now.AddDate(0, 0, -8), Late: true}, 1},
		{"one state", Filter{State: dossiers.InInstruction}, 3},
		{"one state, mine", Filter{State: dossiers.InInstruction, Assigned: AssignedToMe}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, err := w.svc.Queue(ctx, w.caf, w.luc, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if q.Total != tt.total {
				t.Errorf("total %d, want %d (counts %v)", q.Total, tt.total, q.Counts)
			}
			var sum Count
			for _, st := range queueStates {
				f := tt.f
				f.State = st
				list, err := w.svc.Queue(ctx, w.caf, w.luc, f)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := q.Counts[st], Count(len(list.Rows)); got != want {
					t.Errorf("%s: counted %d, the list shows %d", st, got, want)
				}
				if tt.f.State == "" || st == tt.f.State {
					sum += q.Counts[st]
				}
			}
			if sum != q.Total {
				t.Errorf("total %d, the states add up to %d", q.Total, sum)
			}
		})
	}
}

// TestQueueCountsStopPastTheLimit: a state of more than CountLimit
// dossiers reads "plus de 1 000", and so do the total and the message of
// a bulk action on the whole filter; the other states stay exact.
func TestQueueCountsStopPastTheLimit(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	sent := w.clock.Now().UTC().AddDate(0, 0, -30)
	if _, err := w.db.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state, answers, created_at, updated_at, submitted_at, decided_at)
SELECT 'MANY' || i, $2, 'prime-naissance', $3, 1, 'accepte', '{}', $4, $4, $4, $4 FROM n`, CountLimit+1, w.marie, w.caf, sent); err != nil {
		t.Fatal(err)
	}
	q, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Counts[dossiers.Accepted]; !got.Over() || got.String() != "plus de 1\u00a0000" {
		t.Errorf("%d accepted dossiers read %q", CountLimit+1, got)
	}
	if got := q.Counts[dossiers.InConstruction]; got != 1 || got.String() != "1" {
		t.Errorf("1 dossier in construction reads %q", got)
	}
	if !q.Total.Over() || q.Total.String() != "plus de 1\u00a0000" {
		t.Errorf("total reads %q", q.Total)
	}
	if q, _ := w.svc.Queue(ctx, w.caf, w.luc, Filter{State: dossiers.InConstruction}); q.Total != 1 {
		t.Errorf("one state's total: %q", q.Total)
	}
	err = CheckCount(int(q.Total))
	if !errs.Is(err, errs.Invalid) || !strings.Contains(errs.FieldsOf(err)[0].Message, "plus de 1\u00a0000 dossiers : 500 au plus") {
		t.Errorf("bulk on the whole filter: %v", err)
	}
	// Exactly CountLimit is still exact.
	if _, err := w.db.ExecContext(ctx, `DELETE FROM dossiers WHERE reference = 'MANY1'`); err != nil {
		t.Fatal(err)
	}
	if q, _ := w.svc.Queue(ctx, w.caf, w.luc, Filter{State: dossiers.Accepted}); q.Total != CountLimit || q.Total.Over() {
		t.Errorf("%d dossiers: total %q", CountLimit, q.Total)
	}
}
