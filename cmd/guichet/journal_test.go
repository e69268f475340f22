package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"guichet/internal/accesslog"
	"guichet/internal/database"
	"guichet/internal/mediation"
	"guichet/internal/testkit"
)

// journalData makes a data folder whose journal holds four entries: two
// mandates created, one revoked, one action recorded.
func journalData(t *testing.T) (data, dbURL string, getenv func(string) string) {
	t.Helper()
	data, getenv = dataEnv(t)
	dbURL = getenv("GUICHET_DATABASE_URL")
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := mediation.New(db, mediation.Options{Key: testkit.Key()})
	var ids []int64
	for _, cat := range []string{"papiers", "logement"} {
		m, err := svc.Create(ctx, mediation.Draft{OrgID: 1, MediatorID: 2, IdentifyBy: mediation.ByAccount, PersonUserID: 3,
			PersonName: "Camille Martin", Categories: []string{cat}, Days: 31, TextVersion: mediation.TextVersion, Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	if err := svc.RevokeByPerson(ctx, 3, ids[1]); err != nil {
		t.Fatal(err)
	}
	if err := svc.Record(ctx, nil, mediation.Action{MandateID: ids[0], ActorUserID: 2, Event: "dossier.sent", Detail: "Demande envoyée"}); err != nil {
		t.Fatal(err)
	}
	access := accesslog.New(db, accesslog.Options{})
	for _, cat := range []string{"dossier AAAA-BBBB", "dossier CCCC-DDDD"} {
		if err := access.Record(ctx, nil, accesslog.Entry{PersonUserID: 3, OrgID: 1, ActorKind: accesslog.ByAgent,
			ActorID: 2, Action: accesslog.Read, Category: cat, Purpose: "instruction de votre demande"}); err != nil {
			t.Fatal(err)
		}
	}
	return data, dbURL, getenv
}

// tamper edits the journal as an attacker with the database file would:
// through a connection of their own, after dropping the triggers.
func tamper(t *testing.T, data, dbURL string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	var raw *sql.DB
	guards := []string{`DROP TRIGGER mediation_journal_no_update`, `DROP TRIGGER mediation_journal_no_delete`,
		`DROP TRIGGER access_log_no_update`, `DROP TRIGGER access_log_no_delete`}
	if dbURL == "" {
		var err error
		if raw, err = sql.Open("sqlite", filepath.Join(data, "guichet.db")); err != nil {
			t.Fatal(err)
		}
	} else {
		db, err := database.Open(ctx, dbURL, data)
		if err != nil {
			t.Fatal(err)
		}
		raw = db.DB
		guards = []string{`ALTER TABLE mediation_journal DISABLE TRIGGER USER`, `ALTER TABLE access_log DISABLE TRIGGER USER`}
	}
	defer raw.Close()
	for _, q := range append(guards, stmts...) {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestJournalVerifyCommand(t *testing.T) {
	cases := []struct {
		name     string
		tamper   []string
		code     int
		wantLine string
	}{
		{"intact", nil, 0, "mandate journal: 4 entries, chain intact\naccess log: 2 entries, chain intact\n"},
		{"a changed access log entry", []string{`UPDATE access_log SET category = 'profil' WHERE seq = 1`}, 1,
			"access log: 2 entries, chain broken at entry 1: its digest does not match its fields"},
		{"tombstones", []string{`UPDATE access_log SET category = '', purpose = '', person_user_id = 0, erased_at = at WHERE seq = 1`,
			`UPDATE mediation_journal SET detail = '', erased_at = at WHERE seq = 4`}, 0,
			"mandate journal: 4 entries, chain intact\naccess log: 2 entries, chain intact\n"},
		{"a tombstone changed", []string{`UPDATE access_log SET category = '', purpose = '', erased_at = at, actor_id = 77 WHERE seq = 1`}, 1,
			"access log: 2 entries, chain broken at entry 1: its hash does not match its fields and digest"},
		{"a deleted access log entry", []string{`DELETE FROM access_log WHERE seq = 1`}, 1,
			"access log: 1 entries, chain broken at entry 2: expected sequence 1"},
		{"a changed field", []string{`UPDATE mediation_journal SET detail = 'Rien' WHERE seq = 4`}, 1,
			"chain broken at entry 4: its digest does not match its fields"},
		{"a deleted entry", []string{`DELETE FROM mediation_journal WHERE seq = 2`}, 1,
			"chain broken at entry 3: expected sequence 2"},
		{"a reordering", []string{`UPDATE mediation_journal SET seq = 100 WHERE seq = 2`,
			`UPDATE mediation_journal SET seq = 2 WHERE seq = 3`, `UPDATE mediation_journal SET seq = 3 WHERE seq = 100`}, 1,
			"chain broken at entry 2: its previous hash does not match entry 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, dbURL, getenv := journalData(t)
			if c.tamper != nil {
				tamper(t, data, dbURL, c.tamper...)
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"journal", "verify"}, &stdout, &stderr, getenv)
			if code != c.code || !strings.Contains(stdout.String(), c.wantLine) {
				t.Errorf("exit %d, stdout %q (stderr %q); want %d and %q", code, stdout.String(), stderr.String(), c.code, c.wantLine)
			}
		})
	}
}
