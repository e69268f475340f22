package mediation

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"guichet/internal/database"
)

// journalOf makes a chain of five entries: two mandates created, an action
// recorded, one revocation, one more action.
func journalOf(t *testing.T) *fixture {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers")
	other := f.mandate(1, "travail")
	err := f.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		return f.svc.Record(ctx, tx, Action{MandateID: m.ID, ActorUserID: mediator, Event: "dossier.sent",
			Detail: "Demande de passeport envoyée"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RevokeByPerson(ctx, person, other.ID); err != nil {
		t.Fatal(err)
	}
	err = f.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		return f.svc.Record(ctx, tx, Action{MandateID: m.ID, ActorUserID: mediator, Event: "dossier.started",
			Detail: "Demande de carte d'identité commencée"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestJournalChainsEveryEvent(t *testing.T) {
	f := journalOf(t)
	v := f.verify()
	if v.Entries != 5 || v.Broken != nil {
		t.Fatalf("verify = %+v, want 5 entries intact", v)
	}
	entries, err := f.svc.EntriesOfMandate(context.Background(), orgA, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || entries[1].Event != "dossier.sent" || entries[1].PersonUserID != person ||
		entries[1].OrgID != orgA || entries[1].ActorUserID != mediator {
		t.Errorf("entries of mandate 1 = %+v", entries)
	}
	if other, _ := f.svc.EntriesOfMandate(context.Background(), orgB, 1); len(other) != 0 {
		t.Errorf("another structure reads the entries: %+v", other)
	}
	if err := f.svc.Record(context.Background(), nil, Action{MandateID: 1, Event: EventRevoked}); err == nil {
		t.Error("an action may not pose as a mandate event")
	}
}

func TestJournalRefusesUpdateAndDelete(t *testing.T) {
	f := journalOf(t)
	ctx := context.Background()
	for _, q := range []string{`UPDATE mediation_journal SET detail = 'rien' WHERE seq = 3`,
		`DELETE FROM mediation_journal WHERE seq = 5`} {
		if _, err := f.db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the trigger's refusal", q, err)
		}
	}
	if v := f.verify(); v.Entries != 5 || v.Broken != nil {
		t.Errorf("after refused changes: %+v", v)
	}
}

// dropGuards removes the triggers as an attacker with direct access to the
// database would, before tampering with the entries.
func dropGuards(t *testing.T, db *database.DB) {
	t.Helper()
	stmts := []string{`DROP TRIGGER mediation_journal_no_update`, `DROP TRIGGER mediation_journal_no_delete`}
	if db.Dialect == database.Postgres {
		stmts = []string{`ALTER TABLE mediation_journal DISABLE TRIGGER USER`}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestJournalVerifyNamesTheFirstTamperedEntry(t *testing.T) {
	cases := []struct {
		name    string
		tamper  []string
		seq     int64
		problem string
	}{
		{"a changed field", []string{`UPDATE mediation_journal SET detail = 'Rien du tout' WHERE seq = 3`},
			3, "a stored field was changed"},
		{"a changed actor", []string{`UPDATE mediation_journal SET actor_user_id = 999 WHERE seq = 2`},
			2, "a stored field was changed"},
		{"a deleted entry", []string{`DELETE FROM mediation_journal WHERE seq = 3`},
			4, "entry 3 is missing"},
		{"a reordering", []string{`UPDATE mediation_journal SET seq = 100 WHERE seq = 2`,
			`UPDATE mediation_journal SET seq = 2 WHERE seq = 3`, `UPDATE mediation_journal SET seq = 3 WHERE seq = 100`},
			2, "previous hash does not match entry 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := journalOf(t)
			dropGuards(t, f.db)
			for _, q := range c.tamper {
				if _, err := f.db.ExecContext(context.Background(), q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			v := f.verify()
			if v.Broken == nil || v.Broken.Seq != c.seq || !strings.Contains(v.Broken.Problem, c.problem) {
				t.Errorf("verify = %+v (%v), want entry %d: …%s", v, v.Broken, c.seq, c.problem)
			}
		})
	}
}
