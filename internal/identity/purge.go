package identity

import (
	"context"
	"fmt"
)

// Purge deletes what can no longer serve: sessions past their idle or
// absolute end, reset links past their expiry, the API's idempotent
// answers past IdempotencyKept, and throttle counters
// whose window and lock are both a full window old (so that forgetting
// them changes nothing). It returns how many rows went, and is meant to
// run now and then from a background job.
func (s *Service) Purge(ctx context.Context) (int64, error) {
	now := s.now()
	old := now.Add(-s.cfg.Throttle.Window)
	steps := []struct {
		query string
		args  []any
	}{
		{`DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2`, []any{now, now.Add(-s.cfg.SessionIdle)}},
		{`DELETE FROM password_resets WHERE expires_at <= $1`, []any{now}},
		{`DELETE FROM email_verifications WHERE expires_at <= $1`, []any{now}},
		// An account whose address was never proved holds nothing and
		// cannot sign in: after a week it goes, freeing the address.
		{`DELETE FROM users WHERE email_verified_at IS NULL AND created_at <= $1
			AND NOT EXISTS (SELECT 1 FROM oidc_identities o WHERE o.user_id = users.id)`, []any{now.Add(-unverifiedKept)}},
		{`DELETE FROM login_throttle WHERE window_start <= $1 AND (locked_until IS NULL OR locked_until <= $1)`, []any{old}},
		{`DELETE FROM api_idempotency WHERE created_at <= $1`, []any{now.Add(-IdempotencyKept)}},
	}
	var total int64
	for _, st := range steps {
		res, err := s.db.ExecContext(ctx, st.query, st.args...)
		if err != nil {
			return total, fmt.Errorf("purge identity tables: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}
