package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/demo"
	"guichet/internal/forms"
	"guichet/internal/testkit/demokit"
)

// BenchmarkMyDossiersPages serves "Mes démarches" and a dossier's page to
// a person who has 200 dossiers among 100,000 in the database, and reports
// the 95th percentile of each page's time (the issue asks for < 20 ms).
func BenchmarkMyDossiersPages(b *testing.B) {
	ts := newTestServer(b)
	ctx := context.Background()
	if _, err := demo.LoadCatalogue(ctx, ts.Catalogue, ts.ids); err != nil {
		b.Fatal(err)
	}
	publishTestForm(b, ts)
	f, err := ts.Forms.Published(ctx, testSlug)
	if err != nil {
		b.Fatal(err)
	}
	sn, _ := ts.Catalogue.Snapshot(ctx)
	p, _ := sn.Procedure(testSlug)
	me := demoUserID(b, ts)
	first := fillDossiers(b, ts.db, me, p.Org.ID, f.Version, 200, 100_000)
	token := demokit.Session(b, ts.ids, demo.Accounts[0].Email)
	for _, page := range []struct{ name, path string }{
		{"mes-demarches", "/mes-demarches"},
		{"dossier", fmt.Sprintf("/mes-demarches/%d", first)},
	} {
		b.Run(page.name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest("GET", page.path, nil)
				req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
				rec := httptest.NewRecorder()
				t0 := time.Now()
				ts.ServeHTTP(rec, req)
				times = append(times, time.Since(t0))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", page.path, rec.Code)
				}
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[min(len(times)-1, len(times)*95/100)].Microseconds())/1000, "p95-ms")
		})
	}
}

// fillDossiers stores total sent dossiers of procedure testSlug, mine of
// them to userID and the rest spread over other people (200 each), each
// with its timeline entry, and returns the id of one of userID's.
func fillDossiers(b testing.TB, db *database.DB, userID, orgID int64, version, mine, total int) int64 {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	answers, _ := json.Marshal(map[string]forms.Value{"nom": {Text: "Martin"}, "couple": {Text: "non"},
		"iban": {Text: goodIBAN}, "enfants": {Rows: []forms.Answers{{"prenom": {Text: "Léa"}}}}})
	var people []int64
	for i := 0; i < (total-mine+199)/200; i++ {
		var id int64
		if err := db.QueryRowContext(ctx, `INSERT INTO users (email, name, created_at) VALUES ($1, 'P', $2) RETURNING id`,
			fmt.Sprintf("bench%d@example.fr", i), now).Scan(&id); err != nil {
			b.Fatal(err)
		}
		people = append(people, id)
	}
	var first int64
	for start := 0; start < total; start += 5000 {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := start; i < min(total, start+5000); i++ {
			owner := userID
			if i >= mine {
				owner = people[(i-mine)/200]
			}
			at := now.Add(-time.Duration(i) * time.Minute)
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state,
current_page, answers, created_at, updated_at, submitted_at) VALUES ($1, $2, $3, $4, $5, 'en_construction', -1, $6, $7, $7, $7) RETURNING id`,
				fmt.Sprintf("B%07d", i), owner, testSlug, orgID, version, string(answers), at).Scan(&id)
			if err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO dossier_events (dossier_id, at, actor_id, kind, from_state, to_state)
VALUES ($1, $2, $3, 'etat', 'brouillon', 'en_construction')`, id, at, owner)
			}
			if err != nil {
				tx.Rollback()
				b.Fatal(err)
			}
			if first == 0 {
				first = id
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return first
}
