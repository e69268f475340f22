package dossiers

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"guichet/internal/database"
	"guichet/internal/errs"
	"guichet/internal/forms"
)

// benchForm is a form of the size of the demo ones: a few pages of text,
// a date, a choice and an IBAN, which Submit checks as the real service does.
func benchForm() *forms.Form {
	return &forms.Form{Procedure: "bench", Version: 1, Pages: []forms.Page{
		{Fields: []forms.Field{{Key: "nom", Type: forms.ShortText, Label: "Nom", Required: true},
			{Key: "prenom", Type: forms.ShortText, Label: "Prénom", Required: true}}},
		{Fields: []forms.Field{{Key: "naissance", Type: forms.Date, Label: "Date de naissance", Required: true}}},
		{Fields: []forms.Field{{Key: "situation", Type: forms.Choice, Label: "Situation", Required: true,
			Options: []forms.Option{{Value: "seul", Label: "Seul"}, {Value: "couple", Label: "En couple"}}}}},
		{Fields: []forms.Field{{Key: "iban", Type: forms.IBAN, Label: "IBAN", Required: true}}},
	}}
}

func benchAnswers() Answers {
	a := forms.Answers{"nom": {Text: "Dupont"}, "prenom": {Text: "Marie"}, "naissance": {Text: "1985-03-27"},
		"situation": {Text: "couple"}, "iban": {Text: "FR7630006000011234567890189"}}
	out := Answers{}
	for k, v := range a {
		out[k], _ = json.Marshal(v)
	}
	return out
}

// validator checks answers against f as internal/app does: the app's form
// version is kept decoded once published (forms.Service.CheckAnswers), so
// that a sending reads no form, as here.
func validator(f *forms.Form) Validator {
	return func(_ context.Context, _ string, _ int, a Answers) error {
		fa := forms.Answers{}
		for k, raw := range a {
			var v forms.Value
			if json.Unmarshal(raw, &v) == nil {
				fa[k] = v
			}
		}
		_, problems := f.ValidateAll(fa)
		return errs.InvalidFields("Corrigez", problems)
	}
}

// rawDossierSQL is the baseline of BenchmarkSubmitVsRawInsert: one dossier
// row as Submit leaves it (sent, its answers, its reference), inserted into
// the real dossiers table with its indexes, and nothing else.
const rawDossierSQL = `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state,
current_page, answers, created_at, updated_at, submitted_at) VALUES ($1, $2, $3, $4, 1, 'en_construction', -1, $5, $6, $6, $6)`

// tinyInsertSQL inserts into a table of three columns and no index: shown
// beside the baseline, it tells how much a dossier row costs by itself.
const tinyInsertSQL = `INSERT INTO bench_raw (a, b, at) VALUES ($1, $2, $3)`

// BenchmarkSubmitVsRawInsert sends dossiers (checks, state, timeline and
// receipt job, at once) and, in the same run on the same database, inserts
// raw dossier rows (rawDossierSQL): alone (autocommit), and alone in an
// explicit transaction (db.Transact). The issue asks that submitting
// keeps at least half the raw insert rate: "ratio" is submits/s over
// inserts/s, "ratio-tx" over tx-inserts/s, "ratio-p50" and "ratio-tx-p50"
// the same at the median. A submit is SubmitAsRead on the draft as its
// page read it, as "Envoyer" sends it: the page reads the dossier anyway
// to check who may send it and to show the errors. "ratio-by-id" is
// Submit by the dossier's id, which reads the draft itself first.
// "tiny-inserts/s" is a row into a table of three columns without index,
// for scale, not the baseline.
func BenchmarkSubmitVsRawInsert(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	f.svc.opts.Validate = validator(benchForm())
	table := `CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, at TIMESTAMP NOT NULL)`
	if f.db.Dialect == database.Postgres {
		table = `CREATE TABLE bench_raw (id BIGSERIAL PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)`
	}
	if _, err := f.db.ExecContext(ctx, table); err != nil {
		b.Fatal(err)
	}
	answers := benchAnswers()
	body, err := json.Marshal(answers)
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"nom", "prenom", "naissance", "situation", "iban"}
	drafts := make([]*Dossier, 2*b.N)
	refs := make([]string, 2*b.N)
	for i := range drafts {
		d, _, err := f.svc.StartDraft(ctx, Start{UserID: f.marie.ID, Procedure: fmt.Sprintf("bench-%d", i), OrgID: f.mairie.OrgID, FormVersion: 1})
		if err != nil {
			b.Fatal(err)
		}
		if drafts[i], err = f.svc.SavePage(ctx, f.marie.ID, d.ID, Page{Fields: keys, Values: answers, Next: -1}); err != nil {
			b.Fatal(err)
		}
		refs[i] = newReference()
	}
	who := Submitter{UserID: f.marie.ID, Email: f.marie.Email}
	rc := Receipt{ProcedureTitle: "Démarche"}
	var submit, byID, insert, txInsert, tiny time.Duration
	submits := make([]time.Duration, 0, b.N)
	inserts := make([]time.Duration, 0, b.N)
	txInserts := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := f.db.ExecContext(ctx, rawDossierSQL, refs[2*i], f.marie.ID, "bench-raw", f.mairie.OrgID,
			string(body), time.Now().UTC()); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := f.db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, rawDossierSQL, refs[2*i+1], f.marie.ID, "bench-raw", f.mairie.OrgID,
				string(body), time.Now().UTC())
			return err
		}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if _, err := f.svc.SubmitAsRead(ctx, who, drafts[2*i], rc); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if _, err := f.db.ExecContext(ctx, tinyInsertSQL, "ABCD2345", `{"nom":{"text":"Dupont"}}`, time.Now().UTC()); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		if _, err := f.svc.Submit(ctx, who, drafts[2*i+1].ID, rc); err != nil {
			b.Fatal(err)
		}
		insert += t1.Sub(t0)
		txInsert += t2.Sub(t1)
		submit += t3.Sub(t2)
		tiny += t4.Sub(t3)
		byID += time.Since(t4)
		submits = append(submits, t3.Sub(t2))
		inserts = append(inserts, t1.Sub(t0))
		txInserts = append(txInserts, t2.Sub(t1))
	}
	b.StopTimer()
	subRate := float64(b.N) / submit.Seconds()
	insRate := float64(b.N) / insert.Seconds()
	txRate := float64(b.N) / txInsert.Seconds()
	b.ReportMetric(subRate, "submits/s")
	b.ReportMetric(insRate, "inserts/s")
	b.ReportMetric(txRate, "tx-inserts/s")
	b.ReportMetric(float64(b.N)/tiny.Seconds(), "tiny-inserts/s")
	b.ReportMetric(subRate/insRate, "ratio")
	b.ReportMetric(subRate/txRate, "ratio-tx")
	b.ReportMetric(float64(b.N)/byID.Seconds()/insRate, "ratio-by-id")
	subP50 := percentile(submits, 0.5).Seconds()
	b.ReportMetric(percentile(inserts, 0.5).Seconds()/subP50, "ratio-p50")
	b.ReportMetric(percentile(txInserts, 0.5).Seconds()/subP50, "ratio-tx-p50")
	b.ReportMetric(subP50*1e6, "submit-p50-µs")
	b.ReportMetric(percentile(inserts, 0.5).Seconds()*1e6, "insert-p50-µs")
}

// BenchmarkListOfPerson lists the dossiers of a person who has 200 among
// 100,000 in the database, as "Mes démarches" does, and reports the 95th
// percentile of the time it takes.
func BenchmarkListOfPerson(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	fillDossiers(b, f.db, f.marie.ID, f.mairie.OrgID, 200, 100_000)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		list, err := f.svc.List(ctx, f.marie.ID, 0)
		if err != nil || len(list) != 200 {
			b.Fatalf("%d dossiers, %v", len(list), err)
		}
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(times, 0.95).Microseconds())/1000, "p95-ms")
}

func percentile(times []time.Duration, p float64) time.Duration {
	slices.Sort(times)
	return times[min(len(times)-1, int(float64(len(times))*p))]
}

// fillDossiers stores total sent dossiers, mine of them to userID and the
// rest spread over other people (200 each), with timelines, in big
// transactions: the setup of the list benchmarks.
func fillDossiers(b testing.TB, db *database.DB, userID, orgID int64, mine, total int) {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	const batch = 5000
	others := (total - mine + 199) / 200
	people := make([]int64, 0, others)
	for i := range others {
		var id int64
		if err := db.QueryRowContext(ctx, `INSERT INTO users (email, name, created_at) VALUES ($1, 'P', $2) RETURNING id`,
			fmt.Sprintf("bench%d@example.fr", i), now).Scan(&id); err != nil {
			b.Fatal(err)
		}
		people = append(people, id)
	}
	answers, _ := json.Marshal(benchAnswers())
	for start := 0; start < total; start += batch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := start; i < min(total, start+batch); i++ {
			owner := userID
			if i >= mine {
				owner = people[(i-mine)/200]
			}
			at := now.Add(-time.Duration(i) * time.Minute)
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO dossiers (reference, user_id, procedure_slug, org_id, form_version, state,
current_page, answers, created_at, updated_at, submitted_at) VALUES ($1, $2, $3, $4, 1, 'en_construction', -1, $5, $6, $6, $6) RETURNING id`,
				fmt.Sprintf("B%07d", i), owner, fmt.Sprintf("demarche-%d", i%40), orgID, string(answers), at).Scan(&id)
			if err == nil {
				_, err = tx.ExecContext(ctx, `INSERT INTO dossier_events (dossier_id, at, actor_id, kind, from_state, to_state)
VALUES ($1, $2, $3, 'etat', 'brouillon', 'en_construction')`, id, at, owner)
			}
			if err != nil {
				tx.Rollback()
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
