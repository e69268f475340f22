package mediation

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"
)

// TestErasedDossierKeepsTheJournalVerifiable erases the actions on one
// dossier, then the person: the journal still verifies and counts its
// tombstones, mandate events keep their fields, and tampering after the
// erasure is still found.
func TestErasedDossierKeepsTheJournalVerifiable(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.mandate(31, "papiers")
	for _, d := range []string{"dossier ABCD2345 : passeport envoyé", "Demande WXYZ-7777 commencée", "dossier ABCD-2345 : pièce ajoutée"} {
		err := f.db.InTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
			return f.svc.Record(ctx, tx, Action{MandateID: m.ID, ActorUserID: mediator, Event: "dossier.sent", Detail: d})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, err := EraseDossier(ctx, f.db, time.Now(), person, "ABCD2345"); err != nil || n != 2 {
		t.Fatalf("erase: %d, %v", n, err)
	}
	if v := f.verify(); v.Broken != nil || v.Entries != 4 || v.Erased != 2 {
		t.Fatalf("verify after erasure = %+v (%v)", v, v.Broken)
	}
	entries, err := f.svc.EntriesOfMandate(ctx, orgA, m.ID)
	if err != nil || len(entries) != 4 {
		t.Fatal(entries, err)
	}
	if entries[0].Erased || entries[0].Event != EventCreated || !entries[1].Erased || entries[1].Detail != "" ||
		entries[1].ActorUserID != mediator || entries[2].Detail != "Demande WXYZ-7777 commencée" || !entries[3].Erased {
		t.Errorf("entries after erasure: %+v", entries)
	}
	if n, err := ErasePerson(ctx, f.db, time.Now(), person); err != nil || n != 4 {
		t.Fatalf("erase person: %d, %v", n, err)
	}
	if v := f.verify(); v.Broken != nil || v.Erased != 4 {
		t.Fatalf("verify after the person = %+v (%v)", v, v.Broken)
	}
	if mine, _ := f.svc.EntriesAboutPerson(ctx, person, 10); len(mine) != 0 {
		t.Errorf("the person is still named by %d entries", len(mine))
	}

	dropGuards(t, f.db)
	if _, err := f.db.ExecContext(ctx, `UPDATE mediation_journal SET event = 'mandate.revoked' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	// A tombstone's kept fields are still bound by its hash.
	v := f.verify()
	if v.Broken == nil || v.Broken.Seq != 2 {
		t.Errorf("a changed event on a tombstone: verify = %+v (%v)", v, v.Broken)
	}
}

// TestJournalLetsOnlyAnErasureThrough: the database refuses any other
// change, even one that looks like an erasure but moves the chain.
func TestJournalLetsOnlyAnErasureThrough(t *testing.T) {
	f := journalOf(t)
	ctx := context.Background()
	for _, q := range []string{
		`UPDATE mediation_journal SET detail = '' WHERE seq = 3`,
		`UPDATE mediation_journal SET detail = '', erased_at = at, hash = prev_hash WHERE seq = 3`,
		`UPDATE mediation_journal SET detail = '', erased_at = at, event = 'x' WHERE seq = 3`,
		`UPDATE mediation_journal SET detail = '', erased_at = at, person_user_id = 7 WHERE seq = 3`,
		`DELETE FROM mediation_journal WHERE seq = 3`,
	} {
		if _, err := f.db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if _, err := f.db.ExecContext(ctx, `UPDATE mediation_journal SET detail = '', erased_at = at WHERE seq = 3`); err != nil {
		t.Errorf("an erasure was refused: %v", err)
	}
	if v := f.verify(); v.Broken != nil || v.Erased != 1 {
		t.Errorf("verify = %+v (%v)", v, v.Broken)
	}
}
