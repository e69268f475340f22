package backoffice

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

// TestFiguresOfAProcedure counts known dossiers month by month: sent,
// decided, still open, corrected, drafts never sent (one of them deleted
// on expiry), with the median and ninth decile of the processing time.
func TestFiguresOfAProcedure(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	add := func(ref string, created time.Time, sent, decided *time.Time, corrected bool) {
		t.Helper()
		state := "brouillon"
		if sent != nil {
			state = "en_construction"
		}
		if decided != nil {
			state = "accepte"
		}
		var id int64
		if err := w.db.QueryRowContext(ctx, `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version,
state, answers, created_at, updated_at, submitted_at, decided_at) VALUES ($1, $2, 'fig', $3, 1, $4, '{}', $5, $5, $6, $7) RETURNING id`,
			ref, w.marie, w.caf, state, created, nullTime(sent), nullTime(decided)).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if corrected {
			if _, err := w.db.ExecContext(ctx, `INSERT INTO dossier_corrections (dossier_id, requested_at, reason, fields, message, closed_at)
VALUES ($1, $2, 'incomplete', '[]', 'x', $2)`, id, created); err != nil {
				t.Fatal(err)
			}
		}
	}
	at := func(m time.Month, d int) *time.Time { t := day(m, d); return &t }
	add("FIG00001", day(1, 3), at(1, 5), at(1, 15), true)    // 10 days
	add("FIG00002", day(1, 10), at(1, 10), at(2, 10), false) // 31 days
	add("FIG00003", day(1, 20), at(2, 1), nil, false)        // still open
	add("FIG00004", day(2, 2), nil, nil, false)              // a draft
	add("FIG00005", day(2, 5), at(2, 6), at(2, 8), false)    // 2 days
	old := time.Date(2025, 12, 20, 12, 0, 0, 0, time.UTC)
	add("FIG00006", old, &old, at(1, 20), false) // 31 days, decided in January
	if _, err := w.db.ExecContext(ctx, `INSERT INTO dossier_drafts_expired (procedure_slug, org_id, created_at, expired_at)
VALUES ('fig', $1, $2, $3)`, w.caf, day(1, 25), day(7, 25)); err != nil {
		t.Fatal(err)
	}
	fg, err := w.svc.Figures(ctx, "fig", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	d := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
	month := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	want := []Month{
		{Start: month(1), Received: 2, Processed: 2, Corrected: 1, Median: d(10), P90: d(31), Started: 4, Abandoned: 1},
		{Start: month(2), Received: 2, Processed: 2, InProgress: 1, Median: d(2), P90: d(31), Started: 2, Abandoned: 1},
		{Start: month(3)},
	}
	if diff := cmp.Diff(want, fg.Months, cmp.AllowUnexported(Month{})); diff != "" {
		t.Errorf("months (-want +got):\n%s", diff)
	}
	total := Month{Start: month(1), Received: 4, Processed: 4, InProgress: 1, Corrected: 1, Median: d(10), P90: d(31),
		Started: 6, Abandoned: 2}
	if diff := cmp.Diff(total, fg.Total, cmp.AllowUnexported(Month{})); diff != "" {
		t.Errorf("total (-want +got):\n%s", diff)
	}
	if r := fg.Total.CorrectionRate(); r != 0.25 {
		t.Errorf("correction rate %v", r)
	}
	if r := fg.Total.AbandonRate(); r != 2.0/6 {
		t.Errorf("abandon rate %v", r)
	}
}

func nullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}
