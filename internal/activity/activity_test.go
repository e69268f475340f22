package activity

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"guichet/internal/database"
	"guichet/internal/database/dbtest"
	"guichet/internal/errs"
	"guichet/internal/identity"
	"guichet/internal/places"
	"guichet/internal/testkit"
	"guichet/internal/testkit/helpkit"
)

type fixture struct {
	db       *database.DB
	clock    *testkit.Clock
	svc      *Service
	w        *helpkit.World
	org      *identity.Organisation
	place    *places.Place
	mediator *identity.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{db: dbtest.Open(t), clock: testkit.NewClock(testkit.Start)}
	f.w = helpkit.New(t, f.db, f.clock.Now)
	f.org, f.place, f.mediator = f.w.Org, f.w.Place, f.w.Mediator
	f.svc = New(f.db, Options{Now: f.clock.Now, Places: f.w.Places})
	return f
}

func (f *fixture) individual(day string, minutes int, themes ...string) Draft {
	return Draft{OrgID: f.org.ID, MediatorID: f.mediator.ID, Kind: Individual, HeldOn: day, Minutes: minutes,
		PlaceID: f.place.Key, Themes: themes, Equipment: []string{"ordinateur"}, Autonomy: "partiel", Orientation: "caf"}
}

func TestRecordReportsEveryProblemInFormOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, err := f.svc.Record(context.Background(), Draft{OrgID: f.org.ID, MediatorID: f.mediator.ID, Kind: Collective,
		HeldOn: "3/4/2026", Minutes: 50, PlaceID: 999999, Orientation: "lune", Participants: "1"})
	var got []string
	for _, fe := range errs.FieldsOf(err) {
		got = append(got, fe.Field)
	}
	if want := "held_on minutes place_id themes orientation title participants"; strings.Join(got, " ") != want {
		t.Errorf("fields %v, want %s", got, want)
	}
	_, err = f.svc.Record(context.Background(), Draft{OrgID: f.org.ID, Kind: Individual, HeldOn: "2/3/2026",
		Minutes: 30, Themes: []string{"courriel"}})
	if fe := errs.FieldsOf(err); len(fe) != 1 || fe[0].Field != "autonomy" {
		t.Errorf("individual without autonomy: %v", err)
	}
}

func TestStatsPerMonthMediatorStructureAndTerritory(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	for _, d := range []Draft{
		f.individual("2/3/2026", 30, "courriel", "demarche-social"),
		f.individual("2026-02-10", 45, "courriel"),
		{OrgID: f.org.ID, MediatorID: f.mediator.ID, Kind: Collective, HeldOn: "1/3/2026", Minutes: 120,
			Themes: []string{"securite"}, Title: "Déjouer les arnaques", Participants: "8", Profiles: []string{"seniors"}},
	} {
		if _, err := f.svc.Record(ctx, d); err != nil {
			t.Fatalf("record %+v: %v", d, err)
		}
	}
	st, err := f.svc.Stats(ctx, f.svc.LastMonths(f.org.ID, 3))
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Reports != 3 || st.Total.People != 10 || st.Total.Minutes != 195 || st.Total.Collective != 1 {
		t.Errorf("total = %+v", st.Total)
	}
	var months []string
	for _, m := range st.ByMonth {
		months = append(months, m.Key+":"+itoa(m.Reports))
	}
	if got := strings.Join(months, " "); got != "2026-01:0 2026-02:1 2026-03:2" {
		t.Errorf("months %s", got)
	}
	if len(st.ByMediator) != 1 || st.ByMediator[0].ID != f.mediator.ID || len(st.ByStructure) != 1 {
		t.Errorf("mediators %+v, structures %+v", st.ByMediator, st.ByStructure)
	}
	if len(st.ByTerritory) != 2 || st.ByTerritory[0].Key != "" || st.ByTerritory[1].Key != "69" || st.ByTerritory[1].Reports != 2 {
		t.Errorf("territories %+v", st.ByTerritory)
	}
	if len(st.ByTheme) != 3 || st.ByTheme[0].Key != "courriel" || st.ByTheme[0].Reports != 2 {
		t.Errorf("themes %+v", st.ByTheme)
	}
	// Another structure sees none of them; the observatory sees them all.
	if other, _ := f.svc.Stats(ctx, Filter{OrgID: f.org.ID + 1000, From: "2026-01", To: "2026-03"}); other.Total.Reports != 0 {
		t.Errorf("another structure counts %d", other.Total.Reports)
	}
	if all, _ := f.svc.Stats(ctx, Filter{From: "2026-03", To: "2026-03"}); all.Total.Reports != 2 {
		t.Errorf("all structures in March count %d", all.Total.Reports)
	}

	var buf bytes.Buffer
	names := Names{Mediator: func(int64) string { return "=HYPERLINK(\"http://x\")" }, Structure: func(int64) string { return "FS" }}
	if err := WriteCSV(&buf, st, names); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "mediateur,\"'=HYPERLINK(\"\"http://x\"\")\",3,2,1,10,195") ||
		!strings.Contains(out, "departement,Département 69,2,2,0,2,75") {
		t.Errorf("CSV:\n%s", out)
	}
}
