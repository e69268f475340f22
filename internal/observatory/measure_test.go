package observatory

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"guichet/internal/jobs"
)

// board returns the current edition's values by procedure after a refresh.
func (w *world) board(t *testing.T) map[string]map[Key]Value {
	t.Helper()
	ctx := context.Background()
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := w.svc.Board(ctx, w.svc.Current())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[Key]Value{}
	for _, r := range b.Rows {
		out[r.Slug] = r.Values
	}
	return out
}

// TestAvailabilityFromTheProbes: disponibilité is the share of successful
// probes of the edition, with how many probes it rests on, and the
// colours of DESIGN §3.7; only procedures done on Guichet get it.
func TestAvailabilityFromTheProbes(t *testing.T) {
	for _, c := range []struct {
		ok, failed int
		want       float64
		colour     Colour
	}{{1000, 0, 100, Vert}, {999, 1, 99.9, Vert}, {1998, 2, 99.9, Vert}, {1997, 3, 99.85, Jaune}, {985, 15, 98.5, Jaune}, {984, 16, 98.4, Rouge}} {
		w := newWorld(t)
		start := w.svc.Current().Start()
		var ps []Probe
		for i := range c.ok + c.failed {
			ps = append(ps, Probe{Minute: start.Add(time.Duration(i) * time.Minute), OK: i >= c.failed})
		}
		// One probe of the quarter before does not count.
		ps = append(ps, Probe{Minute: start.Add(-time.Minute)})
		if err := w.svc.RecordProbes(context.Background(), ps); err != nil {
			t.Fatal(err)
		}
		got := w.board(t)
		v := got["carte-grise"][Disponibilite]
		if v.Num == nil || *v.Num != c.want || v.Colour != c.colour || v.Answers != c.ok+c.failed ||
			!strings.Contains(v.Source, "sonde") {
			t.Errorf("%d of %d: got %+v (%v), want %v %s", c.ok, c.ok+c.failed, v, deref(v.Num), c.want, c.colour)
		}
		if _, has := got["peu"][Disponibilite]; has {
			t.Error("a procedure done on another site has Guichet's availability")
		}
	}
}

// TestRecordProbesKeepsTheFirstOutcome: a minute given twice in one batch,
// or again in a later one, keeps its first outcome, and a batch longer
// than one statement's rows is stored whole.
func TestRecordProbesKeepsTheFirstOutcome(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	start := w.svc.Current().Start()
	minute := func(i int) time.Time { return start.Add(time.Duration(i) * time.Minute) }
	ps := []Probe{{Minute: minute(0), OK: true}, {Minute: minute(0), OK: false}, {Minute: minute(1), OK: false}}
	for i := 2; i < 1203; i++ {
		ps = append(ps, Probe{Minute: minute(i), OK: true, Duration: 40 * time.Millisecond})
	}
	if err := w.svc.RecordProbes(ctx, ps); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RecordProbes(ctx, []Probe{{Minute: minute(1), OK: true}, {Minute: minute(1203), OK: true}}); err != nil {
		t.Fatal(err)
	}
	all, ok, err := w.svc.probeCount(ctx, start, minute(2000))
	if err != nil {
		t.Fatal(err)
	}
	if all != 1204 || ok != 1203 {
		t.Errorf("got %d probes, %d successful; want 1204 and 1203 (minute 1 failed first)", all, ok)
	}
}

func deref(x *float64) any {
	if x == nil {
		return nil
	}
	return *x
}

// TestProbeOncePerMinuteForTheCluster: two nodes scheduling the probe of
// the same minute store one job; its run asks /readyz and the page of
// the procedure done on Guichet, stores one probe, and a second delivery
// keeps the first outcome. A failing page is a failed probe that says why.
func TestProbeOncePerMinuteForTheCluster(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var mu sync.Mutex
	var asked []string
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, r.URL.Path)
		if r.URL.Path != "/readyz" {
			rw.WriteHeader(status)
		}
	}))
	defer srv.Close()
	other := New(w.svc.db, w.svc.opts) // a second node on the same database
	for _, s := range []*Service{w.svc, other, w.svc} {
		if err := s.ScheduleProbe(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := w.svc.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, ProbeJobKind).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d probe jobs for one minute (%v); want 1", n, err)
	}
	q := jobs.New(w.svc.db, jobs.Options{})
	q.Register(ProbeJobKind, w.svc.ProbeHandler(func() string { return srv.URL + "/" }, srv.Client()))
	if ran, err := q.Work(ctx); !ran || err != nil {
		t.Fatalf("probe job ran %v: %v", ran, err)
	}
	if want := []string{"/readyz", "/demarches/carte-grise"}; strings.Join(asked, " ") != strings.Join(want, " ") {
		t.Errorf("probe asked %v; want %v", asked, want)
	}
	// The same minute delivered again, now failing: the first outcome stays.
	status = http.StatusBadGateway
	h := w.svc.ProbeHandler(func() string { return srv.URL }, srv.Client())
	minute := w.clock.Now().UTC().Truncate(time.Minute)
	job := jobs.Job{Kind: ProbeJobKind, Payload: []byte(`{"minute":"` + minute.Format(time.RFC3339) + `"}`)}
	if err := h(ctx, job); err != nil {
		t.Fatal(err)
	}
	// The next minute fails and says why.
	w.clock.Set(w.clock.Now().Add(time.Minute))
	job.Payload = []byte(`{"minute":"` + minute.Add(time.Minute).Format(time.RFC3339) + `"}`)
	if err := h(ctx, job); err != nil {
		t.Fatal(err)
	}
	// A probe claimed long after its minute says nothing of it.
	w.clock.Set(w.clock.Now().Add(ProbeLate + 3*time.Minute))
	job.Payload = []byte(`{"minute":"` + minute.Add(2*time.Minute).Format(time.RFC3339) + `"}`)
	if err := h(ctx, job); err != nil {
		t.Fatal(err)
	}
	rows, err := w.svc.db.QueryContext(ctx, `SELECT ok, detail FROM observatory_probes ORDER BY probed_at`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var ok bool
		var detail string
		if err := rows.Scan(&ok, &detail); err != nil {
			t.Fatal(err)
		}
		if ok {
			detail = "ok"
		}
		got = append(got, detail)
	}
	if want := "ok|/demarches/carte-grise : réponse 502"; strings.Join(got, "|") != want {
		t.Errorf("probes stored %q; want %q", strings.Join(got, "|"), want)
	}
}

// TestLoadTimeFromRequestSums: two nodes record requests in memory and
// flush them; the sums add up per procedure and day, and temps de
// chargement is their mean with the number of requests, coloured by
// DESIGN §3.7.
func TestLoadTimeFromRequestSums(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	other := New(w.svc.db, w.svc.opts)
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			// 50 requests of 300 ms on this node, 50 of 700 ms on the other.
			if i%2 == 0 {
				w.svc.RecordTiming("carte-grise", 300*time.Millisecond)
			} else {
				other.RecordTiming("carte-grise", 700*time.Millisecond)
			}
		})
	}
	wg.Wait()
	w.svc.RecordTiming("peu", time.Second)
	for _, s := range []*Service{w.svc, other, w.svc} {
		if err := s.FlushTimings(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := w.board(t)
	v := got["carte-grise"][TempsDeChargement]
	if v.Num == nil || *v.Num != 500 || v.Colour != Jaune || v.Answers != 100 || !strings.Contains(v.Source, "100 requête") {
		t.Errorf("temps de chargement = %+v (%v); want 500 ms, yellow, on 100 requests", v, deref(v.Num))
	}
	if _, has := got["peu"][TempsDeChargement]; has {
		t.Error("a procedure done on another site has a load time")
	}
	for _, c := range []struct {
		ms     float64
		colour Colour
	}{{399.9, Vert}, {400, Jaune}, {799.9, Jaune}, {800, Rouge}} {
		if got := loadColour(c.ms); got != c.colour {
			t.Errorf("%v ms is %s; want %s", c.ms, got, c.colour)
		}
	}
	// The next day's requests are in a row of their own.
	w.clock.Set(w.clock.Now().Add(24 * time.Hour))
	w.svc.RecordTiming("carte-grise", 900*time.Millisecond)
	if err := w.svc.FlushTimings(ctx); err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := w.svc.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM observatory_timings WHERE procedure_slug = 'carte-grise'`).Scan(&rows); err != nil || rows != 2 {
		t.Errorf("%d rows for carte-grise (%v); want one per day", rows, err)
	}
}

// TestRecordTimingIsBounded: made-up addresses cannot grow a node's
// memory past maxPendingTimings sums.
func TestRecordTimingIsBounded(t *testing.T) {
	w := newWorld(t)
	for i := range maxPendingTimings + 50 {
		w.svc.RecordTiming(strings.Repeat("x", i%7)+string(rune('a'+i%26))+time.Duration(i).String(), time.Millisecond)
	}
	if n := len(w.svc.timings.pending); n != maxPendingTimings {
		t.Errorf("%d sums pending; want %d", n, maxPendingTimings)
	}
}

// TestHelpedByAMediatorPerProcedure: each procedure done on Guichet gets
// its own share of dossiers helped by a mediator, and the platform the
// share of all.
func TestHelpedByAMediatorPerProcedure(t *testing.T) {
	w := newWorld(t)
	w.svc.opts.Helped = func(_ context.Context, from, to time.Time) (map[string][2]int, error) {
		if !from.Equal(w.svc.Current().Start()) || to.After(w.clock.Now()) {
			t.Errorf("helped counted from %s to %s; want the edition up to now", from, to)
		}
		return map[string][2]int{"carte-grise": {40, 10}, "autre": {10, 10}}, nil
	}
	got := w.board(t)
	v := got["carte-grise"][AideMediateur]
	if v.Num == nil || *v.Num != 25 || v.Answers != 40 || !strings.Contains(v.Source, "médiateur") {
		t.Errorf("carte-grise helped = %+v (%v); want 25 %% of 40", v, deref(v.Num))
	}
	b, err := w.svc.Board(context.Background(), w.svc.Current())
	if err != nil {
		t.Fatal(err)
	}
	if p := b.Platform[AideMediateur]; p.Num == nil || *p.Num != 40 || p.Answers != 50 {
		t.Errorf("platform helped = %+v; want 40 %% of 50", p)
	}
}
