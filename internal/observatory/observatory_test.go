package observatory

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/backoffice"
	"guichet/internal/database/dbtest"
	"guichet/internal/listening"
	"guichet/internal/testkit"
)

type world struct {
	svc   *Service
	lis   *listening.Service
	clock *testkit.Clock
}

func newWorld(t *testing.T) *world {
	t.Helper()
	db := dbtest.Open(t)
	clock := testkit.NewClock(time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC))
	lis := listening.New(db, listening.Options{Now: clock.Now})
	procs := []Procedure{
		{Slug: "carte-grise", Title: "Carte grise", Administration: "ANTS", AdministrationSlug: "ants", Category: "transports", OnGuichet: true, Volume: 1000},
		{Slug: "peu", Title: "Peu d'avis", Administration: "CAF", AdministrationSlug: "caf", Category: "famille", OnlineElsewhere: true, Volume: 10},
		{Slug: "papier", Title: "Papier seulement", Administration: "CAF", AdministrationSlug: "caf", Category: "famille", Volume: 5},
	}
	svc := New(db, Options{Now: clock.Now, Listening: lis, Figures: backoffice.New(db, backoffice.Options{Now: clock.Now}),
		Procedures: func(context.Context) ([]Procedure, error) { return procs, nil }, SignIn: func() bool { return true }})
	return &world{svc: svc, lis: lis, clock: clock}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// enter posts paper answers as an agent would, through the listening service.
func (w *world) enter(t *testing.T, items []listening.BatchItem) {
	t.Helper()
	for i := range items {
		items[i].Index, items[i].Channel = i, listening.ChannelPaper
	}
	kept, rejected, err := w.lis.EnterBatch(context.Background(), items, listening.Entry{AgentID: 0})
	if err != nil || len(rejected) > 0 || kept != len(items) {
		t.Fatalf("enter: kept %d, rejected %v, %v", kept, rejected, err)
	}
}

// knownMix is 120 answers on carte-grise in 2026-T4: 60 good, 40 medium,
// 20 bad; clarity 5 for half, 3 for the other half; 30 sought no help, 90
// phoned, 72 of them reached it, every phone help rated 4 (7.5/10).
func knownMix() []listening.BatchItem {
	var out []listening.BatchItem
	at := time.Date(2026, 10, 15, 9, 0, 0, 0, time.UTC)
	for i := range 120 {
		a := listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood, Clarity: 5, AnsweredAt: at.Add(time.Duration(i) * time.Hour)}
		switch {
		case i >= 100:
			a.Overall = listening.OverallBad
		case i >= 60:
			a.Overall = listening.OverallMedium
		}
		if i%2 == 1 {
			a.Clarity = 3
		}
		if i < 30 {
			a.Helps = []listening.HelpAnswer{{Help: listening.HelpNone}}
		} else {
			reached := yes()
			if i >= 102 {
				reached = no()
			}
			a.Helps = []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: reached, Quality: 4}}
		}
		out = append(out, listening.BatchItem{Answer: a})
	}
	return out
}

func n(x float64) *float64 { return &x }

func TestIndicatorsFromKnownAnswers(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	items := knownMix()
	// One help not reached in June counts in aide joignable (12 months),
	// not in the quarter; one of October 2025 is older than 12 months.
	items = append(items,
		listening.BatchItem{Answer: listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood, Clarity: 5,
			AnsweredAt: time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC), Helps: []listening.HelpAnswer{{Help: listening.HelpEmail, Reached: no()}}}},
		listening.BatchItem{Answer: listening.Answer{Procedure: "carte-grise", Overall: listening.OverallGood, Clarity: 5,
			AnsweredAt: time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC), Helps: []listening.HelpAnswer{{Help: listening.HelpEmail, Reached: no()}}}})
	for i := range 99 {
		items = append(items, listening.BatchItem{Answer: listening.Answer{Procedure: "peu", Overall: listening.OverallGood, Clarity: 5,
			AnsweredAt: time.Date(2026, 11, 1, 9, i, 0, 0, time.UTC)}})
	}
	w.enter(t, items)
	if err := w.svc.Declare(ctx, 0, "carte-grise", EditionOf(w.clock.Now()), Declaration{RGAARate: n(75), RGAAAuditedOn: "2026-09-01", OtherChannels: ptr(0)}); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	ed, _ := ParseEdition("2026-T4")
	b, err := w.svc.Board(ctx, ed)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[Key]Value{}
	for _, r := range b.Rows {
		got[r.Slug] = r.Values
	}
	want := map[Key]Value{
		RealisableEnLigne: {Word: "oui", Colour: Vert},
		Authentification:  {Word: "oui", Colour: Vert},
		Satisfaction:      {Num: n(6.7), Colour: Jaune, Answers: 120},
		Clarte:            {Num: n(7.5), Colour: Jaune, Answers: 120},
		Autonomie:         {Num: n(25), Answers: 120},
		AideEfficace:      {Num: n(7.5), Colour: Jaune, Answers: 90},
		AideJoignable:     {Num: n(79.1), Colour: Jaune, Answers: 91}, // 72 ÷ 91
		Accessibilite:     {Num: n(75), Colour: Jaune},
		DossiersRecus:     {Num: n(0)},
		RecoursNumerique:  nil0(),
	}
	// The counts behind the chart of answers: 20 bad, 40 medium, 60 good;
	// clarity 5 and 3 for half each.
	spread(want, 120, 20, 40, 60, 0, 0, 60, 0, 60)
	check(t, got["carte-grise"], want)
	check(t, got["peu"], spread(map[Key]Value{
		RealisableEnLigne: {Word: "oui", Colour: Vert},
		Satisfaction:      {Num: n(10), Colour: Gris, Answers: 99},
		Clarte:            {Num: n(10), Colour: Vert, Answers: 99},
		Autonomie:         {Num: n(100), Answers: 99},
		Accessibilite:     {Colour: Rouge},
	}, 99, 0, 0, 99, 0, 0, 0, 0, 99))
	check(t, got["papier"], map[Key]Value{RealisableEnLigne: {Word: "non", Colour: Rouge}})
}

// spread adds to want the counts of the chart of answers: bad, medium,
// good, then clarity 1 to 5, each resting on all the answers.
func spread(want map[Key]Value, answers int, counts ...float64) map[Key]Value {
	for i, k := range append(OverallKeys(), ClarityKeys()...) {
		want[k] = Value{Num: n(counts[i]), Answers: answers}
	}
	return want
}

// nil0 is recours au numérique with nothing received nor declared: left out.
func nil0() Value { return Value{Key: "-"} }

func ptr[T any](v T) *T { return &v }

// check compares the values, ignoring their source, which must be said.
func check(t *testing.T, got map[Key]Value, want map[Key]Value) {
	t.Helper()
	trimmed := map[Key]Value{}
	for k, v := range got {
		if v.Source == "" {
			t.Errorf("%s has no source", k)
		}
		v.Source, v.Key = "", ""
		trimmed[k] = v
	}
	for k, v := range want {
		if v.Key == "-" {
			delete(want, k)
		}
	}
	if diff := cmp.Diff(want, trimmed); diff != "" {
		t.Errorf("indicators (-want +got):\n%s", diff)
	}
}

// TestPastEditionIsFrozen: once the quarter ends, the next refresh
// computes it a last time; an answer entered later with a date in it
// changes nothing.
func TestPastEditionIsFrozen(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.enter(t, knownMix())
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(time.Date(2027, 1, 2, 8, 0, 0, 0, time.UTC))
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	late := listening.Answer{Procedure: "carte-grise", Overall: listening.OverallBad, Clarity: 1,
		AnsweredAt: time.Date(2026, 12, 30, 9, 0, 0, 0, time.UTC)}
	w.enter(t, []listening.BatchItem{{Answer: late}})
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := w.svc.Board(ctx, Edition{2026, 4})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Frozen || b.Rows[0].Values[Satisfaction].Answers != 120 {
		t.Fatalf("2026-T4 frozen %v with %d answers; want frozen with 120", b.Frozen, b.Rows[0].Values[Satisfaction].Answers)
	}
	eds, err := w.svc.Editions(ctx)
	if err != nil || len(eds) != 2 || eds[0].Edition != (Edition{2027, 1}) || eds[0].Frozen {
		t.Fatalf("editions = %+v, %v; want 2027-T1 open then 2026-T4", eds, err)
	}
	if _, err := w.svc.Board(ctx, Edition{2025, 1}); err == nil {
		t.Fatal("an edition never computed was found")
	}
}

func TestParseEdition(t *testing.T) {
	for _, s := range []string{"2026-T4", "2027-T1"} {
		if e, err := ParseEdition(s); err != nil || e.String() != s {
			t.Errorf("ParseEdition(%q) = %v, %v", s, e, err)
		}
	}
	for _, s := range []string{"", "2026-T5", "2026-T0", "2026-Q4", "2026-T4x", "26-T4"} {
		if _, err := ParseEdition(s); err == nil {
			t.Errorf("ParseEdition(%q) accepted", s)
		}
	}
	if got := (Edition{2026, 1}).Prev(); got != (Edition{2025, 4}) {
		t.Errorf("Prev = %v", got)
	}
}

// TestPrioritiesRankByVolumeTimesDistance: carte-grise (volume 1000, four
// yellows) comes before peu (volume 10, one red for accessibility), and
// papier (one red for réalisable en ligne, volume 5) last.
func TestPrioritiesRankByVolumeTimesDistance(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.enter(t, knownMix())
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := w.svc.Board(ctx, w.svc.Current())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range b.Priorities() {
		got = append(got, fmt.Sprintf("%s %d×%d=%d", p.Slug, p.Volume, p.Distance, p.Score))
	}
	// carte-grise: satisfaction, clarté, aide efficace and aide joignable
	// yellow, accessibility red without a declaration: 4 + 2.
	want := []string{"carte-grise 1000×6=6000", "peu 10×2=20", "papier 5×2=10"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("priorities (-want +got):\n%s", diff)
	}
}

// The "Dites-le-nous une fois" indicator counts the questions a binding
// could fill, for procedures done on Guichet only, with the colours of
// DESIGN §3.7 (0–1 green, 2–4 yellow, 5 and more red).
func TestOnceOnlyIndicatorFromTheForms(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		unbound int
		colour  Colour
	}{{0, Vert}, {1, Vert}, {2, Jaune}, {4, Jaune}, {5, Rouge}} {
		w := newWorld(t)
		asked := map[string]int{}
		w.svc.opts.OnceOnly = func(_ context.Context, slug string) (int, int, bool, error) {
			asked[slug]++
			return 12, c.unbound, true, nil
		}
		if err := w.svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		b, err := w.svc.Board(ctx, EditionOf(w.clock.Now()))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Rows {
			v, has := r.Values[DitesLeNousUneFois]
			if r.Slug != "carte-grise" {
				if has && v.Num != nil {
					t.Errorf("%s is not done on Guichet and has a once-only value %v", r.Slug, *v.Num)
				}
				continue
			}
			if v.Num == nil || *v.Num != float64(c.unbound) || v.Colour != c.colour || v.Answers != 12 {
				t.Errorf("%d unbound: got %+v, want %d %s on 12 questions", c.unbound, v, c.unbound, c.colour)
			}
		}
		if asked["carte-grise"] == 0 || asked["peu"] != 0 || asked["papier"] != 0 {
			t.Errorf("forms read for %v, want carte-grise only", asked)
		}
	}
}
