package accesslog

import (
	"context"
	"strings"
	"testing"
	"time"

	"guichet/internal/database"
)

// legacy appends an entry as the log wrote them before tombstones: its
// hash over its fields, no digest.
func legacy(t *testing.T, db *database.DB, e Entry) {
	t.Helper()
	ctx := context.Background()
	var last int64
	prev := genesis
	if err := db.QueryRowContext(ctx, lastEntrySQL).Scan(&last, &prev); err != nil && !database.IsNoRows(err) {
		t.Fatal(err)
	}
	e.Seq, e.At, e.PrevHash = last+1, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), prev
	e.Hash = chainHash(prev, e)
	if _, err := db.ExecContext(ctx, insertEntrySQL, e.Seq, e.At, e.PersonUserID, e.OrgID, e.ActorKind, e.ActorID,
		e.ActorName, string(e.Action), e.Category, e.Purpose, e.PrevHash, e.Hash, ""); err != nil {
		t.Fatal(err)
	}
}

// TestErasedEntriesKeepTheChain erases the entries of one dossier, old and
// new, then the person: the verifier still passes and counts the
// tombstones, the other entries keep their fields, and tampering with a
// tombstone or an entry is still found.
func TestErasedEntriesKeepTheChain(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	legacy(t, db, read(1, "dossier ABCD-2345"))
	for _, e := range []Entry{read(1, "dossier ABCD-2345"), read(1, "dossier WXYZ-7777"), read(2, "dossier ABCD-2345")} {
		if err := l.Record(ctx, nil, e); err != nil {
			t.Fatal(err)
		}
	}
	n, err := EraseDossier(ctx, db, time.Now(), 1, "ABCD2345")
	if err != nil || n != 2 {
		t.Fatalf("erase: %d, %v", n, err)
	}
	v, err := Verify(ctx, db)
	if err != nil || v.Broken != nil || v.Entries != 4 || v.Erased != 2 {
		t.Fatalf("verify after erasure = %+v (%v), %v", v, v.Broken, err)
	}
	got, _ := l.OfPerson(ctx, 1, 0)
	if len(got) != 3 || got[0].Category != "dossier WXYZ-7777" || got[1].Category != "" || !got[1].Erased ||
		got[1].Purpose != "" || got[1].ActorID != 9 || got[1].Action != Read {
		t.Errorf("person 1 after erasure: %+v", got)
	}
	// Person 2's entry names the same reference but is not person 1's.
	if other, _ := l.OfPerson(ctx, 2, 0); len(other) != 1 || other[0].Erased {
		t.Errorf("person 2: %+v", other)
	}
	if n, err := ErasePerson(ctx, db, time.Now(), 1); err != nil || n != 3 {
		t.Fatalf("erase person: %d, %v", n, err)
	}
	if got, _ := l.OfPerson(ctx, 1, 0); len(got) != 0 {
		t.Errorf("person 1 still named by %d entries", len(got))
	}
	if v, err := Verify(ctx, db); err != nil || v.Broken != nil || v.Erased != 3 {
		t.Fatalf("verify after the person = %+v (%v), %v", v, v.Broken, err)
	}

	guard := `DROP TRIGGER access_log_no_update`
	if db.Dialect == database.Postgres {
		guard = `ALTER TABLE access_log DISABLE TRIGGER USER`
	}
	if _, err := db.ExecContext(ctx, guard); err != nil {
		t.Fatal(err)
	}
	for _, tamper := range []struct {
		q    string
		seq  int64
		want string
	}{
		{`UPDATE access_log SET digest = 'ab' || substr(digest, 3) WHERE seq = 2`, 2, "does not match its fields and digest"},
		{`UPDATE access_log SET actor_id = 1 WHERE seq = 2`, 2, "does not match its fields and digest"},
		{`UPDATE access_log SET purpose = 'autre' WHERE seq = 4`, 4, "does not match its fields"},
	} {
		var before string
		db.QueryRowContext(ctx, `SELECT digest || '|' || purpose || '|' || actor_id FROM access_log WHERE seq = $1`, tamper.seq).Scan(&before)
		if _, err := db.ExecContext(ctx, tamper.q); err != nil {
			t.Fatal(err)
		}
		v, err := Verify(ctx, db)
		if err != nil || v.Broken == nil || v.Broken.Seq != tamper.seq || !strings.Contains(v.Broken.Problem, tamper.want) {
			t.Errorf("%s: verify = %+v (%v), %v", tamper.q, v, v.Broken, err)
		}
		parts := strings.SplitN(before, "|", 3)
		if _, err := db.ExecContext(ctx, `UPDATE access_log SET digest = $1, purpose = $2, actor_id = $3 WHERE seq = $4`,
			parts[0], parts[1], parts[2], tamper.seq); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOnlyAnErasureGetsThrough: the database refuses any other change of
// an entry, even one that looks like an erasure but touches the chain.
func TestOnlyAnErasureGetsThrough(t *testing.T) {
	t.Parallel()
	l, db := newLog(t)
	ctx := context.Background()
	if err := l.Record(ctx, nil, read(1, "dossier ABCD-2345")); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE access_log SET category = ''`,
		`UPDATE access_log SET category = '', purpose = '', erased_at = at, hash = prev_hash`,
		`UPDATE access_log SET category = '', purpose = '', erased_at = at, actor_id = 1`,
		`UPDATE access_log SET category = '', purpose = '', erased_at = at, person_user_id = 5`,
		`UPDATE access_log SET category = 'x', purpose = '', erased_at = at`,
		`DELETE FROM access_log`,
	} {
		if _, err := db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if _, err := db.ExecContext(ctx, `UPDATE access_log SET category = '', purpose = '', erased_at = at`); err != nil {
		t.Errorf("an erasure was refused: %v", err)
	}
}
