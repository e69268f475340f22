package observatory

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"guichet/internal/backoffice"
	"guichet/internal/database/dbtest"
	"guichet/internal/listening"
	"guichet/internal/testkit"
)

// storedValue is a row of observatory_values, NULLs included.
type storedValue struct {
	Slug, Indicator string
	Num             sql.NullFloat64
	Word, Colour    sql.NullString
	Answers         int
	Source          string
}

const storedValuesSQL = `SELECT procedure_slug, indicator, num, word, colour, answers, source
FROM observatory_values WHERE edition = $1 ORDER BY procedure_slug, indicator`

// stored reads the rows of edition ed as they are in the table.
func stored(t *testing.T, s *Service, ed Edition) []storedValue {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), storedValuesSQL, ed.String())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []storedValue
	for rows.Next() {
		var v storedValue
		if err := rows.Scan(&v.Slug, &v.Indicator, &v.Num, &v.Word, &v.Colour, &v.Answers, &v.Source); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// crowdedWorld is 40 procedures, some done on Guichet, some online
// elsewhere, some on paper only, most with answers in the quarter and
// one with a declaration: more values than one statement carries, with
// and without a number, a word and a colour.
func crowdedWorld(t *testing.T) *world {
	t.Helper()
	db := dbtest.Open(t)
	clock := testkit.NewClock(time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC))
	lis := listening.New(db, listening.Options{Now: clock.Now})
	var procs []Procedure
	for i := range 40 {
		procs = append(procs, Procedure{Slug: fmt.Sprintf("demarche-%02d", i), Title: fmt.Sprintf("Démarche %d", i),
			Administration: "Administration", AdministrationSlug: fmt.Sprintf("admin-%d", i%5),
			OnGuichet: i%3 == 0, OnlineElsewhere: i%3 == 1, Volume: int64(100 * i)})
	}
	svc := New(db, Options{Now: clock.Now, Listening: lis, Figures: backoffice.New(db, backoffice.Options{Now: clock.Now}),
		Procedures: func(context.Context) ([]Procedure, error) { return procs, nil }, SignIn: func() bool { return true }})
	w := &world{svc: svc, lis: lis, clock: clock}
	var items []listening.BatchItem
	for i, p := range procs[:35] {
		for j := range 3 * i {
			items = append(items, listening.BatchItem{Answer: listening.Answer{Procedure: p.Slug,
				Overall: listening.Overalls()[(i+j)%3], Clarity: 1 + (i*j)%5,
				AnsweredAt: time.Date(2026, 10, 1+j%58, 9, 0, 0, 0, time.UTC),
				Helps:      []listening.HelpAnswer{{Help: listening.HelpPhone, Reached: ptr(j%4 != 0), Quality: 1 + j%5}}}})
		}
	}
	w.enter(t, items)
	if err := svc.Declare(context.Background(), 0, "demarche-03", svc.Current(),
		Declaration{RGAARate: n(62.5), RGAAAuditedOn: "2026-09-01", OtherChannels: ptr(40)}); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestStoredValuesAsOneStatementPerValue refreshes a crowded edition,
// whose values take several multi-row statements, and writes the same
// values again one statement per value, as the refresh did before: the
// table holds the same rows, the same NULLs and the same figures to the
// last bit.
func TestStoredValuesAsOneStatementPerValue(t *testing.T) {
	w := crowdedWorld(t)
	ctx := context.Background()
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	ed, now := w.svc.Current(), w.svc.now()
	got := stored(t, w.svc, ed)

	fb, err := w.svc.readFeedback(ctx, ed, now, true)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := w.svc.compute(ctx, ed, now, fb)
	if err != nil {
		t.Fatal(err)
	}
	const insertValueSQL = `INSERT INTO observatory_values (edition, procedure_slug, indicator, num, word, colour, answers, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	err = w.svc.db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, deleteValuesSQL, ed.String()); err != nil {
			return err
		}
		for slug, vs := range vals {
			for _, v := range vs {
				if _, err := tx.ExecContext(ctx, insertValueSQL, ed.String(), slug, string(v.Key), v.Num,
					sql.NullString{String: v.Word, Valid: v.Word != ""},
					sql.NullString{String: string(v.Colour), Valid: v.Colour != NoColour}, v.Answers, v.Source); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := stored(t, w.svc, ed)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored values (-one statement per value +multi-row):\n%s", diff)
	}

	// The dataset is worth its name: several statements, and each column
	// that may be NULL both NULL and not.
	if len(got) <= 2*maxValuesPerStatement {
		t.Errorf("%d values, want more than %d to fill several statements", len(got), 2*maxValuesPerStatement)
	}
	var nullNum, num, nullWord, word, nullColour, colour bool
	for _, v := range got {
		nullNum, num = nullNum || !v.Num.Valid, num || v.Num.Valid
		nullWord, word = nullWord || !v.Word.Valid, word || v.Word.Valid
		nullColour, colour = nullColour || !v.Colour.Valid, colour || v.Colour.Valid
	}
	if !(nullNum && num && nullWord && word && nullColour && colour) {
		t.Errorf("num NULL %v and not %v, word NULL %v and not %v, colour NULL %v and not %v: want each",
			nullNum, num, nullWord, word, nullColour, colour)
	}
}

// maxValuesPerStatement is how many values one statement of the refresh
// carries at most (database.InsertRows, 1,000 arguments of 8 columns).
const maxValuesPerStatement = 1000 / insertValuesCols

// TestFailedWriteLeavesTheValuesAsTheyWere: when a statement after the
// first fails, here on a value given twice in the last one, the edition
// keeps its values and its date of computation from the refresh before.
func TestFailedWriteLeavesTheValuesAsTheyWere(t *testing.T) {
	w := crowdedWorld(t)
	ctx := context.Background()
	if err := w.svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	ed := w.svc.Current()
	before := stored(t, w.svc, ed)
	stBefore, err := w.svc.state(ctx, ed)
	if err != nil {
		t.Fatal(err)
	}

	w.clock.Advance(time.Minute)
	now := w.svc.now()
	fb, err := w.svc.readFeedback(ctx, ed, now, true)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := w.svc.compute(ctx, ed, now, fb)
	if err != nil {
		t.Fatal(err)
	}
	last := slices.Max(slices.Collect(maps.Keys(vals)))
	vals[last] = append(vals[last], vals[last][0])
	if err := w.svc.write(ctx, ed, now, sql.NullTime{}, vals); err == nil {
		t.Fatal("a value given twice was written")
	}

	if diff := cmp.Diff(before, stored(t, w.svc, ed)); diff != "" {
		t.Errorf("values after a failed write (-before +after):\n%s", diff)
	}
	st, err := w.svc.state(ctx, ed)
	if err != nil {
		t.Fatal(err)
	}
	if !st.computedAt.Equal(stBefore.computedAt) {
		t.Errorf("computed at %v after a failed write, want %v", st.computedAt, stBefore.computedAt)
	}
}
