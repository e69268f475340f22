package backoffice

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"guichet/internal/dossiers"
)

// person writes a person straight to the table.
func (w *world) person(t *testing.T, name string) int64 {
	t.Helper()
	var id int64
	err := w.db.QueryRowContext(context.Background(), `INSERT INTO users (email, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
		fmt.Sprintf("%x@exemple.test", name), name, w.clock.Now().UTC()).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// dossierOf writes a dossier of person userID to the table, as addDossier
// does for Marie's, at organisation org.
func (w *world) dossierOf(t *testing.T, userID, org int64, ref, proc string, state dossiers.State, sent time.Time, holder int64) int64 {
	t.Helper()
	var decided, assigned, submitted any = nil, nil, sent
	if state.Decided() {
		decided = sent.AddDate(0, 0, 5)
	}
	if holder != 0 {
		assigned = holder
	}
	if state == dossiers.Draft {
		submitted = nil
	}
	var id int64
	err := w.db.QueryRowContext(context.Background(), `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version,
state, answers, created_at, updated_at, submitted_at, decided_at, assigned_to) VALUES ($1, $2, $3, $4, 1, $5, '{}', $6, $6, $7, $8, $9) RETURNING id`,
		ref, userID, proc, org, string(state), sent, submitted, decided, assigned).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// askCorrection writes a correction request on dossier id, answered when
// closed.
func (w *world) askCorrection(t *testing.T, id int64, closed bool) {
	t.Helper()
	now := w.clock.Now().UTC()
	var at any
	if closed {
		at = now
	}
	if _, err := w.db.ExecContext(context.Background(), `INSERT INTO dossier_corrections (dossier_id, requested_at, requested_by, reason, fields, message, closed_at)
VALUES ($1, $2, $3, 'incomplete', '[]', 'Envoyez la pièce.', $4)`, id, now, w.luc, at); err != nil {
		t.Fatal(err)
	}
}

// walked is the queue under f read by walking the organisation's
// dossiers, as every filter was read before the sources: all its rows in
// order, and its counts.
func (w *world) walked(t *testing.T, f Filter) ([]Row, *Queue) {
	t.Helper()
	ctx := context.Background()
	args := queueArgs(w.caf, w.luc, f)
	q := &Queue{Counts: map[dossiers.State]Count{}}
	if err := w.svc.counts(ctx, q, f, args); err != nil {
		t.Fatal(err)
	}
	rows, err := w.svc.rows(ctx, args, f, byQueue, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rows, q
}

// TestQueueSourcesAgreeWithTheWalk: the dossiers waiting for a correction
// and those of a person searched by name, read from the open corrections
// or the people first, are the rows, in the order, pages and counts that
// walking the queue gives: accented names matched as before (case folded
// by the database, accents kept), a dossier with two open corrections
// once, closed corrections, drafts, other organisations' dossiers and
// procedures off the agent's team left out.
func TestQueueSourcesAgreeWithTheWalk(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc, w.zoe)
	if _, err := w.db.ExecContext(ctx, `INSERT INTO procedures (slug, org_id, latest_revision, created_at, updated_at)
VALUES ('aide-caf', $1, 1, $2, $2)`, w.caf, w.clock.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	now := w.clock.Now().UTC()
	names := []string{"Élise Lefèvre", "élise Martin", "Éloïse Gaël", "ELISE DURAND", "Zoé Élise", "Noël Lefevre", "Martin Dupont"}
	states := []dossiers.State{dossiers.InConstruction, dossiers.InInstruction, dossiers.Accepted, dossiers.Refused, dossiers.Closed}
	n := 0
	for i, name := range names {
		p := w.person(t, name)
		for j := range 7 {
			n++
			st := states[(i+j)%len(states)]
			holder := []int64{0, w.luc, w.zoe}[(i+2*j)%3]
			if st == dossiers.InConstruction {
				holder = 0
			}
			sent := now.AddDate(0, 0, -(n*7)%50)
			if n%9 == 0 {
				sent = now.AddDate(0, 0, -20) // the same moment as others: the id orders them
			}
			id := w.dossierOf(t, p, w.caf, fmt.Sprintf("Q%07d", n), "prime-naissance", st, sent, holder)
			if n%3 == 0 {
				w.askCorrection(t, id, n%2 == 0)
			}
			if n%5 == 0 {
				w.askCorrection(t, id, false)
				w.askCorrection(t, id, false) // two open at once: one row all the same
			}
		}
		for _, other := range []struct {
			org  int64
			proc string
		}{{w.mairie, "acte-naissance"}, {w.caf, "aide-caf"}} {
			n++
			id := w.dossierOf(t, p, other.org, fmt.Sprintf("Q%07d", n), other.proc, dossiers.InConstruction, now.AddDate(0, 0, -n%40), 0)
			w.askCorrection(t, id, false)
		}
		n++
		w.dossierOf(t, p, w.caf, fmt.Sprintf("Q%07d", n), "prime-naissance", dossiers.Draft, now, 0)
	}
	// Decided in 5 days each, a week on: the open ones sent before are late.
	w.clock.Advance(7*24*time.Hour + DelayRefresh)
	if _, err := w.svc.Queue(ctx, w.caf, w.luc, Filter{}); err != nil { // computes the delays
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    Filter
		from source
	}{
		{"waiting", Filter{Waiting: true}, byCorrections},
		{"waiting, newest first", Filter{Waiting: true, Newest: true}, byCorrections},
		{"waiting and mine", Filter{Waiting: true, Assigned: AssignedToMe}, byCorrections},
		{"waiting, nobody's and late", Filter{Waiting: true, Assigned: AssignedToNobody, Late: true}, byCorrections},
		{"waiting, in construction", Filter{Waiting: true, State: dossiers.InConstruction}, byCorrections},
		{"waiting, dates", Filter{Waiting: true, From: now.AddDate(0, 0, -30), To: now.AddDate(0, 0, -10)}, byCorrections},
		{"waiting, procedure off the team", Filter{Waiting: true, Procedure: "aide-caf"}, byCorrections},
		{"accented name", Filter{Search: "Élise"}, byPeople},
		{"accented name in lower case", Filter{Search: "élise"}, byPeople},
		{"name in capitals", Filter{Search: "ELISE"}, byPeople},
		{"part of a name", Filter{Search: "lefè"}, byPeople},
		{"name without its accent", Filter{Search: "lefevre"}, byPeople},
		{"first and last name", Filter{Search: "  élise MARTIN "}, byPeople},
		{"name nobody has", Filter{Search: "Durandal"}, byPeople},
		{"name, newest first", Filter{Search: "martin", Newest: true}, byPeople},
		{"name and waiting", Filter{Search: "élise", Waiting: true}, byPeople},
		{"name, mine and late", Filter{Search: "e", Assigned: AssignedToMe, Late: true}, byPeople},
		{"name, one state", Filter{Search: "e", State: dossiers.Accepted}, byPeople},
		{"reference", Filter{Search: "Q000-0012"}, byPeople},
		{"LIKE's wildcard", Filter{Search: "_l%se"}, byPeople},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantRows, want := w.walked(t, tt.f)
			args := queueArgs(w.caf, w.luc, tt.f)
			from, err := w.svc.source(ctx, tt.f, args)
			if err != nil {
				t.Fatal(err)
			}
			if from != tt.from {
				t.Fatalf("read by %d, want %d", from, tt.from)
			}
			got := &Queue{Counts: map[dossiers.State]Count{}}
			if err := w.svc.countsFrom(ctx, got, tt.f, args, from); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Counts, got.Counts); diff != "" || got.Total != want.Total {
				t.Errorf("counts (-walk +%d):\n%s total %d, want %d", from, diff, got.Total, want.Total)
			}
			for _, page := range []struct{ limit, offset int }{{1000, 0}, {3, 0}, {3, 3}, {4, 7}} {
				rows, err := w.svc.rows(ctx, args, tt.f, from, page.limit, page.offset)
				if err != nil {
					t.Fatal(err)
				}
				wanted := wantRows[min(page.offset, len(wantRows)):min(page.offset+page.limit, len(wantRows))]
				if diff := cmp.Diff(wanted, rows, cmpopts.EquateEmpty(), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
					t.Errorf("rows %d from %d (-walk +%d):\n%s", page.limit, page.offset, from, diff)
				}
			}
			if len(wantRows) == 0 && tt.name != "name nobody has" && tt.name != "waiting, procedure off the team" {
				t.Errorf("no dossier: the case proves nothing")
			}
		})
	}
}

// TestNameSearchMatchingManyPeopleWalksTheQueue: a name matching more than
// namedPeople people is searched by walking the queue, and finds the same
// dossiers as a rarer name would.
func TestNameSearchMatchingManyPeopleWalksTheQueue(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.onTeam(t, w.luc)
	if _, err := w.db.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO users (email, name, created_at) SELECT 'homonyme' || i || '@exemple.test', 'Camille Homonyme', $2 FROM n`,
		namedPeople, w.clock.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	camille := w.person(t, "Camille Dupont")
	w.dossierOf(t, camille, w.caf, "CAMI0001", "prime-naissance", dossiers.InInstruction, w.clock.Now().UTC(), 0)
	for _, tt := range []struct {
		search string
		from   source
		rows   int
	}{
		{"homonyme", byPeople, 0}, // namedPeople people: read from them
		{"camille", byQueue, 1},   // and Camille Dupont: walked
		{"dupont", byPeople, 2},   // Marie and Camille
	} {
		f := Filter{Search: tt.search}
		args := queueArgs(w.caf, w.luc, f)
		if from, err := w.svc.source(ctx, f, args); err != nil || from != tt.from {
			t.Errorf("%q: read by %d (%v), want %d", tt.search, from, err, tt.from)
		}
		q, err := w.svc.Queue(ctx, w.caf, w.luc, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Rows) != tt.rows || q.Total != Count(tt.rows) {
			t.Errorf("%q: %d rows, total %d, want %d", tt.search, len(q.Rows), q.Total, tt.rows)
		}
	}
}
