package identity

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// resetRows counts what a password-reset request writes: the link, the
// e-mail job and the audit entry.
func (f *fixture) resetRows(t *testing.T, userID int64) (links, jobs, audits int) {
	t.Helper()
	for _, c := range []struct {
		n     *int
		query string
		args  []any
	}{
		{&links, `SELECT COUNT(*) FROM password_resets WHERE user_id = $1`, []any{userID}},
		{&jobs, `SELECT COUNT(*) FROM jobs`, nil},
		{&audits, `SELECT COUNT(*) FROM audit_events WHERE user_id = $1 AND event = $2`, []any{userID, EventPasswordResetRequested}},
	} {
		if err := f.db.QueryRowContext(f.ctx, c.query, c.args...).Scan(c.n); err != nil {
			t.Fatal(err)
		}
	}
	return links, jobs, audits
}

// TestPasswordResetCommitsAsOne checks that the reset link, its e-mail job
// and its audit entry commit together: when the e-mail cannot be queued,
// none of the three is written.
func TestPasswordResetCommitsAsOne(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	// The jobs table goes away for a moment, so that queuing the e-mail fails
	// inside the transaction, after the link is stored.
	if _, err := f.db.ExecContext(f.ctx, `ALTER TABLE jobs RENAME TO jobs_away`); err != nil {
		t.Fatal(err)
	}
	err := f.svc.RequestPasswordReset(f.ctx, "camille@exemple.fr", "203.0.113.5")
	if _, rerr := f.db.ExecContext(f.ctx, `ALTER TABLE jobs_away RENAME TO jobs`); rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		t.Fatal("the request succeeded although its e-mail could not be queued")
	}
	if links, jobs, audits := f.resetRows(t, u.ID); links+jobs+audits != 0 {
		t.Errorf("after a failed enqueue: %d links, %d jobs, %d audit entries; want none", links, jobs, audits)
	}
	// Once the e-mail can be queued again, the three are written together.
	if err := f.svc.RequestPasswordReset(f.ctx, "camille@exemple.fr", "203.0.113.5"); err != nil {
		t.Fatal(err)
	}
	if links, jobs, audits := f.resetRows(t, u.ID); links != 1 || jobs != 1 || audits != 1 {
		t.Errorf("after a request: %d links, %d jobs, %d audit entries; want one of each", links, jobs, audits)
	}
}

// TestPasswordResetJoinsTheCallersTransaction checks that the request
// joins a transaction its caller opened with InTx: when the caller's work
// fails afterwards, the link, the job and the audit entry roll back with it.
func TestPasswordResetJoinsTheCallersTransaction(t *testing.T) {
	f := newFixture(t)
	u := f.citizen(t, "camille@exemple.fr")
	callerFailed := errors.New("the caller's own write failed")
	err := f.db.InTx(f.ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := f.svc.RequestPasswordReset(ctx, "camille@exemple.fr", ""); err != nil {
			return err
		}
		// Inside the transaction the request's rows are visible.
		if err := tx.QueryRowContext(ctx, `SELECT user_id FROM password_resets WHERE user_id = $1`, u.ID).Scan(new(int64)); err != nil {
			return err
		}
		return callerFailed
	})
	if !errors.Is(err, callerFailed) {
		t.Fatalf("InTx: %v, want the caller's error", err)
	}
	if links, jobs, audits := f.resetRows(t, u.ID); links+jobs+audits != 0 {
		t.Errorf("after the caller's rollback: %d links, %d jobs, %d audit entries; want none", links, jobs, audits)
	}
}
